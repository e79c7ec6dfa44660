/** HTTP method of a GitLab API call. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Where a failed call went: never holds a token (tokens travel in headers or the body only). */
export interface GitLabCallContext {
  readonly method: HttpMethod;
  /** Request path without query string or host, e.g. `/api/v4/runners/42`. */
  readonly path: string;
  /** HTTP status GitLab answered, when it answered at all. */
  readonly status?: number;
}

/** Root of every error the GitLab client throws. */
export class GitLabError extends Error {
  public readonly method: HttpMethod;
  public readonly path: string;
  public readonly status: number | undefined;

  public constructor(message: string, context: GitLabCallContext, options?: ErrorOptions) {
    super(message, options);
    this.name = 'GitLabError';
    this.method = context.method;
    this.path = context.path;
    this.status = context.status;
  }
}

/** 401: the access token is missing, invalid, expired or revoked. */
export class GitLabUnauthorizedError extends GitLabError {
  public constructor(message: string, context: GitLabCallContext, options?: ErrorOptions) {
    super(message, context, options);
    this.name = 'GitLabUnauthorizedError';
  }
}

/** 403: the token lacks a scope or role, or a runner token is no longer valid. */
export class GitLabForbiddenError extends GitLabError {
  public constructor(message: string, context: GitLabCallContext, options?: ErrorOptions) {
    super(message, context, options);
    this.name = 'GitLabForbiddenError';
  }
}

/** 404: the runner, project, group or job does not exist (or is invisible to the token). */
export class GitLabNotFoundError extends GitLabError {
  public constructor(message: string, context: GitLabCallContext, options?: ErrorOptions) {
    super(message, context, options);
    this.name = 'GitLabNotFoundError';
  }
}

/** 410 on legacy registration: the instance has registration tokens switched off. */
export class GitLabRegistrationDisabledError extends GitLabError {
  public constructor(context: GitLabCallContext, options?: ErrorOptions) {
    super(
      'GitLab refused runner registration with a registration token (410 runner registration disallowed): ' +
        'registration tokens are disabled on this instance (the default since GitLab 17.0). Switch the ' +
        'AutoScaler to authentication-token mode: store an access token with the create_runner, ' +
        'manage_runner and read_api scopes in Parameter Store and remove the RegistrationToken parameter, ' +
        'or re-enable registration tokens in the GitLab admin area.',
      context,
      options,
    );
    this.name = 'GitLabRegistrationDisabledError';
  }
}

/** 429 after every attempt: GitLab rate-limits this client. */
export class GitLabRateLimitedError extends GitLabError {
  public constructor(message: string, context: GitLabCallContext, options?: ErrorOptions) {
    super(message, context, options);
    this.name = 'GitLabRateLimitedError';
  }
}

/** 5xx after every attempt: GitLab is failing. */
export class GitLabServerError extends GitLabError {
  public constructor(message: string, context: GitLabCallContext, options?: ErrorOptions) {
    super(message, context, options);
    this.name = 'GitLabServerError';
  }
}

/** GitLab did not answer within the client's timeout, on every attempt. */
export class GitLabTimeoutError extends GitLabError {
  public constructor(message: string, context: GitLabCallContext, options?: ErrorOptions) {
    super(message, context, options);
    this.name = 'GitLabTimeoutError';
  }
}

/** GitLab could not be reached (DNS, refused connection, TLS, reset), on every attempt. */
export class GitLabNetworkError extends GitLabError {
  public constructor(message: string, context: GitLabCallContext, options?: ErrorOptions) {
    super(message, context, options);
    this.name = 'GitLabNetworkError';
  }
}

/** GitLab answered with an unexpected status or a body that does not match its documented shape. */
export class GitLabResponseError extends GitLabError {
  public constructor(message: string, context: GitLabCallContext, options?: ErrorOptions) {
    super(message, context, options);
    this.name = 'GitLabResponseError';
  }
}

/** Every error name this package throws: ASL `Retry`/`Catch` `ErrorEquals` match on these. */
export const GITLAB_ERROR_NAMES = {
  gitLab: 'GitLabError',
  unauthorized: 'GitLabUnauthorizedError',
  forbidden: 'GitLabForbiddenError',
  notFound: 'GitLabNotFoundError',
  registrationDisabled: 'GitLabRegistrationDisabledError',
  rateLimited: 'GitLabRateLimitedError',
  server: 'GitLabServerError',
  timeout: 'GitLabTimeoutError',
  network: 'GitLabNetworkError',
  response: 'GitLabResponseError',
} as const;

/** One of {@link GITLAB_ERROR_NAMES}. */
export type GitLabErrorName = (typeof GITLAB_ERROR_NAMES)[keyof typeof GITLAB_ERROR_NAMES];

/** Errors worth retrying later (a Step Functions `Retry`): transient on GitLab's or the network's side. */
export const RETRYABLE_GITLAB_ERROR_NAMES: readonly GitLabErrorName[] = [
  GITLAB_ERROR_NAMES.rateLimited,
  GITLAB_ERROR_NAMES.server,
  GITLAB_ERROR_NAMES.timeout,
  GITLAB_ERROR_NAMES.network,
];

/** Whether `error` is a GitLab failure that may succeed when tried again later. */
export const isRetryableGitLabError = (error: unknown): error is GitLabError =>
  error instanceof GitLabError && (RETRYABLE_GITLAB_ERROR_NAMES as readonly string[]).includes(error.name);
