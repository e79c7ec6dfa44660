export {
  FakeGitLabError,
  FakeGitLabNotFoundError,
  FakeHttpError,
  PipelineDefinitionError,
} from './errors.ts';
export {
  DEFAULT_GROUP,
  DEFAULT_PROJECT,
  type FakeGitLab,
  type FakeGitLabOptions,
  startFakeGitLab,
} from './fake-gitlab.ts';
export type { FaultSpec } from './faults.ts';
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
export type { RecordedRequest } from './server.ts';
