import { describe, expect, it } from 'vitest';
import { lambdaContext } from '../../src/index.ts';

describe('lambdaContext', () => {
  it("answers the remaining time it was given and names the function's ARN and log group", () => {
    const context = lambdaContext({ functionName: 'glr-runner', remainingMs: 1234 });

    expect(context.getRemainingTimeInMillis()).toBe(1234);
    expect(context.invokedFunctionArn).toMatch(/:function:glr-runner$/);
    expect(context.logGroupName).toBe('/aws/lambda/glr-runner');
  });

  it('gives each invocation its own request id', () => {
    expect(lambdaContext().awsRequestId).not.toBe(lambdaContext().awsRequestId);
  });
});
