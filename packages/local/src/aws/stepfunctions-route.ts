import { jsonResponse, type LocalRoute } from '../http/http-server.ts';
import type { LocalStateMachines } from '../stepfunctions/local-state-machines.ts';

/**
 * Step Functions' `StartExecution` (JSON 1.0, `X-Amz-Target: AWSStepFunctions.StartExecution`)
 * served by the local state machines, so an unchanged SDK client pointed here with
 * `AWS_ENDPOINT_URL_SFN` works. Other operations answer `UnknownOperationException`.
 */
export const stepFunctionsRoute =
  (machines: LocalStateMachines): LocalRoute =>
  (request) => {
    const target = request.headers['x-amz-target'];
    if (request.method !== 'POST' || typeof target !== 'string' || !target.startsWith('AWSStepFunctions.')) {
      return undefined;
    }
    const json = (status: number, body: unknown) => ({
      ...jsonResponse(status, body),
      headers: { 'content-type': 'application/x-amz-json-1.0' },
    });
    if (target !== 'AWSStepFunctions.StartExecution') {
      return json(400, { __type: 'UnknownOperationException', message: `${target} is not served locally` });
    }
    const { stateMachineArn, input } = JSON.parse(request.body.toString('utf8')) as {
      stateMachineArn?: string;
      input?: string;
    };
    try {
      const { record, result } = machines.start(String(stateMachineArn), JSON.parse(input ?? '{}'));
      result.catch(() => {});
      return json(200, { executionArn: record.executionArn, startDate: record.startDate.getTime() / 1000 });
    } catch (error) {
      return json(400, { __type: 'StateMachineDoesNotExist', message: (error as Error).message });
    }
  };
