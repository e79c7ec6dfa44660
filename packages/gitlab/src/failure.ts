import {
  type GitLabCallContext,
  type GitLabError,
  GitLabForbiddenError,
  GitLabNetworkError,
  GitLabNotFoundError,
  GitLabRateLimitedError,
  GitLabRegistrationDisabledError,
  GitLabResponseError,
  GitLabServerError,
  GitLabTimeoutError,
  GitLabUnauthorizedError,
} from './errors.ts';
import { redact } from './redact.ts';

/** Why one attempt failed: an HTTP status, a timeout, or a network error. */
export type AttemptFailure =
  | { readonly kind: 'status'; readonly status: number; readonly body: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly error: unknown };

/** Whether trying the same call again may succeed (429, 5xx, timeout, network). */
export const isTransient = (failure: AttemptFailure): boolean =>
  failure.kind !== 'status' || failure.status === 429 || failure.status >= 500;

/**
 * Turns the last failed attempt into the typed error the caller sees. `secrets` are the tokens the
 * request carried: they are removed from any outside text quoted in the message or the cause.
 */
export const toGitLabError = (
  failure: AttemptFailure,
  call: Omit<GitLabCallContext, 'status'>,
  attempts: number,
  timeoutMs: number,
  secrets: readonly string[],
): GitLabError => {
  const where = `GitLab ${call.method} ${call.path}`;
  if (failure.kind === 'timeout') {
    return new GitLabTimeoutError(
      `${where} did not answer within ${timeoutMs} ms (${attempts} attempts)`,
      call,
    );
  }
  if (failure.kind === 'network') {
    // A fresh cause holding only the failure's code and message: never the request or its body.
    const reason = redact(describeNetworkFailure(failure.error), secrets);
    return new GitLabNetworkError(`${where} could not be reached (${attempts} attempts): ${reason}`, call, {
      cause: new Error(reason),
    });
  }
  const context = { ...call, status: failure.status };
  const said = gitLabMessage(failure.body, secrets);
  const answered = `${where} answered ${failure.status}${said ? ` (${said})` : ''}`;
  switch (true) {
    case failure.status === 401:
      return new GitLabUnauthorizedError(
        `${answered}: the access token is invalid, expired or revoked`,
        context,
      );
    case failure.status === 403:
      return new GitLabForbiddenError(
        `${answered}: the token lacks the scope or role for this call, or the runner token is no longer valid`,
        context,
      );
    case failure.status === 404:
      return new GitLabNotFoundError(`${answered}: it does not exist or the token cannot see it`, context);
    case failure.status === 410:
      return new GitLabRegistrationDisabledError(context);
    case failure.status === 429:
      return new GitLabRateLimitedError(`${answered}: rate limited on all ${attempts} attempts`, context);
    case failure.status >= 500:
      return new GitLabServerError(`${answered}: failed on all ${attempts} attempts`, context);
    default:
      return new GitLabResponseError(`${answered}: unexpected status`, context);
  }
};

/** GitLab's own `message`/`error` field of an error body, redacted; `undefined` when there is none. */
const gitLabMessage = (body: string, secrets: readonly string[]): string | undefined => {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const record = parsed as Record<string, unknown>;
    const message = record.message ?? record.error;
    if (message === undefined) return undefined;
    return redact(typeof message === 'string' ? message : JSON.stringify(message), secrets, 200);
  } catch {
    return undefined;
  }
};

const describeNetworkFailure = (error: unknown): string => {
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (!(inner instanceof Error)) return 'unknown network error';
  const code = (inner as NodeJS.ErrnoException).code;
  return code ? `${code}: ${inner.message}` : inner.message;
};
