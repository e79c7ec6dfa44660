import { TaskBindingError } from '../errors.ts';
import { isRecord } from '../json.ts';
import type { TaskStateRef } from './task-states.ts';

/** Invokes a Lambda function by name or ARN and returns its result (see `LocalLambdaRuntime`). */
export type InvokeFunction = (nameOrArn: string, payload: unknown) => Promise<unknown>;

/**
 * A service integration (`arn:aws:states:::<service>:<action>`) run locally, keyed `service:action`
 * (`dynamodb:putItem`, `events:putEvents`). It receives the state's resolved `Parameters` and
 * returns what the service would; errors it throws should carry the name Step Functions reports
 * (`DynamoDB.ConditionalCheckFailedException`).
 */
export type ServiceIntegration = (parameters: unknown) => Promise<unknown>;

/** What a Task state runs locally. */
export type TaskHandler = (input: unknown) => Promise<unknown>;

const LAMBDA_ARN = /^arn:aws:lambda:[^:]+:\d+:function:[^:]+(?::[^:]+)?$/;
const SERVICE_ARN = /^arn:aws:states:::([a-z0-9-]+):([A-Za-z0-9]+)$/;

const lambdaInvoke =
  (invoke: InvokeFunction, state: string): TaskHandler =>
  async (parameters) => {
    if (!isRecord(parameters) || typeof parameters.FunctionName !== 'string') {
      throw new TaskBindingError(`${state}: lambda:invoke needs Parameters.FunctionName`);
    }
    const payload = await invoke(parameters.FunctionName, parameters.Payload ?? {});
    return {
      ExecutedVersion: '$LATEST',
      Payload: payload,
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: 'local' },
      StatusCode: 200,
    };
  };

/**
 * Binds one Task state to what runs it locally: a Lambda ARN (the substituted `${XFunctionArn}`)
 * runs that function's handler; `lambda:invoke` runs the function its `FunctionName` names; other
 * `arn:aws:states:::service:action` resources run the matching {@link ServiceIntegration}. Throws
 * {@link TaskBindingError} for anything else, before any execution starts.
 */
export const bindTaskState = (
  machine: string,
  task: TaskStateRef,
  invoke: InvokeFunction,
  integrations: Readonly<Record<string, ServiceIntegration>>,
): TaskHandler => {
  const where = `${machine}.${task.name}`;
  if (LAMBDA_ARN.test(task.resource)) return (input) => invoke(task.resource, input);
  const service = SERVICE_ARN.exec(task.resource);
  if (service?.[1] === 'lambda' && service[2] === 'invoke') return lambdaInvoke(invoke, where);
  const integration = service ? integrations[`${service[1]}:${service[2]}`] : undefined;
  if (integration) return integration;
  const hint = task.resource.includes('${')
    ? 'a DefinitionSubstitutions entry is missing for it'
    : 'use a Lambda ARN, lambda:invoke, or a service integration the local stack provides';
  throw new TaskBindingError(`${where}: cannot run Resource ${task.resource} locally (${hint})`);
};
