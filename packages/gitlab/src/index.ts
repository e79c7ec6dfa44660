export { type BackoffPolicy, backoffDelayMs, parseRetryAfterMs } from './backoff.ts';
export { createGitLabClient, type GitLabClient, type GitLabClientOptions } from './client.ts';
export {
  GITLAB_ERROR_NAMES,
  type GitLabCallContext,
  GitLabError,
  type GitLabErrorName,
  GitLabForbiddenError,
  GitLabNetworkError,
  GitLabNotFoundError,
  GitLabRateLimitedError,
  GitLabRegistrationDisabledError,
  GitLabResponseError,
  GitLabServerError,
  GitLabTimeoutError,
  GitLabUnauthorizedError,
  type HttpMethod,
  isRetryableGitLabError,
  RETRYABLE_GITLAB_ERROR_NAMES,
} from './errors.ts';
export type {
  CreatedRunner,
  CreateRunnerInput,
  DeleteOutcome,
  GitLabJob,
  RegisterRunnerInput,
  RunnerJob,
  RunnerScope,
  RunnerSettings,
  RunnerSummary,
  RunnerType,
} from './types.ts';
