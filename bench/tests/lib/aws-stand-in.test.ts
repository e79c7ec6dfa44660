import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsStandIn, startAwsStandIn } from '../../lib/aws-stand-in.ts';

let aws: AwsStandIn;
beforeAll(async () => {
  aws = await startAwsStandIn((name, endpoint) => (name === '/glr/Url' ? endpoint : undefined));
});
afterAll(() => aws.close());

const call = async (target: string, input: object) => {
  const response = await fetch(aws.endpoint, {
    method: 'POST',
    headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('AWS stand-in', () => {
  it('keeps every PutEvents entry and answers with one event id each', async () => {
    const before = aws.events.length;
    const answer = await call('AWSEvents.PutEvents', {
      Entries: [
        { Source: 'a', DetailType: 'x', Detail: '{}' },
        { Source: 'b', DetailType: 'y', Detail: '{}' },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.FailedEntryCount).toBe(0);
    expect(answer.body.Entries).toHaveLength(2);
    expect(aws.events.slice(before).map((entry) => entry.Source)).toEqual(['a', 'b']);
  });

  it('serves known parameters and answers ParameterNotFound for others', async () => {
    const found = await call('AmazonSSM.GetParameter', { Name: '/glr/Url', WithDecryption: true });
    expect(found.body.Parameter).toMatchObject({ Name: '/glr/Url', Value: aws.endpoint });
    const missing = await call('AmazonSSM.GetParameter', { Name: '/glr/Other' });
    expect(missing).toMatchObject({ status: 400, body: { __type: 'ParameterNotFound' } });
    const batch = await call('AmazonSSM.GetParameters', { Names: ['/glr/Url', '/glr/Other'] });
    expect(batch.body.InvalidParameters).toEqual(['/glr/Other']);
  });

  it('answers any other operation at once with a 400 and counts it', async () => {
    const before = aws.unknownOperations();
    const answer = await call('AmazonEC2.RunInstances', {});
    expect(answer).toMatchObject({ status: 400, body: { __type: 'UnknownOperationException' } });
    expect(aws.unknownOperations()).toBe(before + 1);
  });

  it('records a Lambda Invoke with its runner name and job id only, and answers an Event call 202', async () => {
    const before = aws.invocations.length;
    const response = await fetch(`${aws.endpoint}/2015-03-31/functions/glr-runner-shell/invocations`, {
      method: 'POST',
      headers: { 'x-amz-invocation-type': 'Event' },
      body: JSON.stringify({ runnerName: 'glr-7-abcdef', jobId: 7, runnerToken: 'glrt-secret' }),
    });
    expect(response.status).toBe(202);
    const [recorded] = aws.invocations.slice(before);
    expect(recorded).toMatchObject({
      functionName: 'glr-runner-shell',
      invocationType: 'Event',
      runnerName: 'glr-7-abcdef',
      jobId: 7,
    });
    expect(JSON.stringify(recorded)).not.toContain('glrt-secret');
  });
});
