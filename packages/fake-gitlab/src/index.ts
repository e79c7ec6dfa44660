export {
  type CancelCommand,
  type FakeGitLabCliEnvironment,
  type PipelineCommand,
  parseCancelCommand,
  parsePipelineCommand,
  parseServeCommand,
} from './cli-args.ts';
export {
  FakeGitLabError,
  FakeGitLabNotFoundError,
  FakeGitLabUsageError,
  FakeHttpError,
  PipelineDefinitionError,
} from './errors.ts';
export {
  DEFAULT_GROUP,
  DEFAULT_PROJECT,
  type FakeGitLab,
  type FakeGitLabOptions,
  type FakeWebhooks,
  startFakeGitLab,
} from './fake-gitlab.ts';
export type { FaultSpec } from './faults.ts';
export type { JobHookPayload } from './job-hook-payload.ts';
export type {
  AccessTokenScope,
  AccessTokenSpec,
  FakeGroup,
  FakeJob,
  FakeJobStatus,
  FakePipeline,
  FakeProject,
  FakeRunner,
  FakeRunnerType,
  JobRunnerRef,
} from './model.ts';
export {
  type JobDefinition,
  type PipelineDefinition,
  parsePipelineDefinition,
} from './pipeline-definition.ts';
export type { RecordedRequest } from './server.ts';
export type { JobHookEvent, WebhookDelivery, WebhookOptions } from './webhooks.ts';
