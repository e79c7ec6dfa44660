import { setTimeout as sleep } from 'node:timers/promises';
import type { LoggerPort } from '@glr/core';
import { toValidationIssues } from '@glr/core';
import type { z } from 'zod';
import { type BackoffPolicy, backoffDelayMs, parseRetryAfterMs } from './backoff.ts';
import { GitLabResponseError, type HttpMethod } from './errors.ts';
import { type AttemptFailure, isTransient, toGitLabError } from './failure.ts';

/** Settings of one {@link Transport}. */
export interface TransportOptions {
  /** GitLab base URL, e.g. `https://gitlab.example.com` (a trailing `/` is ignored). */
  readonly url: string;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
  readonly logger: LoggerPort;
}

/** One GitLab API call. Tokens go in `accessToken` (a header) or `body`, never in `path` or `query`. */
export interface ApiRequest {
  readonly method: HttpMethod;
  /** Path below `/api/v4`, e.g. `/runners/42`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  /** Sent as `PRIVATE-TOKEN`. */
  readonly accessToken?: string;
  readonly body?: Readonly<Record<string, unknown>>;
  /** Tokens in `body`, to keep out of errors and logs. */
  readonly bodySecrets?: readonly string[];
  /** Non-2xx statuses the caller handles itself (e.g. 404 on delete) instead of an error. */
  readonly acceptStatuses?: readonly number[];
}

/** A successful (or accepted) answer. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or `undefined` for an empty or non-JSON body. */
  readonly json: unknown;
}

/** Sends GitLab API calls with a timeout and retries; see {@link createTransport}. */
export type Transport = (request: ApiRequest) => Promise<ApiResponse>;

type AttemptResult = { readonly ok: true; readonly response: ApiResponse } | AttemptFailedResult;
type AttemptFailedResult = {
  readonly ok: false;
  readonly failure: AttemptFailure;
  readonly retryAfter?: string;
};

/**
 * Creates the transport: global `fetch` with `AbortSignal.timeout`, retrying 429, 5xx, timeouts and
 * network errors with jittered exponential backoff that honours `Retry-After` (capped).
 */
export const createTransport = (options: TransportOptions): Transport => {
  const base = `${options.url.replace(/\/+$/, '')}/api/v4`;
  return async (request) => {
    const apiPath = `/api/v4${request.path}`;
    const secrets = [request.accessToken ?? '', ...(request.bodySecrets ?? [])];
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const result = await attemptOnce(base, request, options.timeoutMs);
      if (result.ok) return result.response;
      if (!isTransient(result.failure) || attempt >= options.maxAttempts) {
        throw toGitLabError(
          result.failure,
          { method: request.method, path: apiPath },
          attempt,
          options.timeoutMs,
          secrets,
        );
      }
      const delayMs =
        parseRetryAfterMs(result.retryAfter ?? null, options.backoff.maxDelayMs) ??
        backoffDelayMs(options.backoff, attempt);
      options.logger.warn('GitLab call failed, retrying', {
        method: request.method,
        path: apiPath,
        reason: result.failure.kind === 'status' ? result.failure.status : result.failure.kind,
        attempt,
        delayMs,
      });
      await sleep(delayMs);
    }
  };
};

const attemptOnce = async (base: string, request: ApiRequest, timeoutMs: number): Promise<AttemptResult> => {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.accessToken !== undefined) headers['private-token'] = request.accessToken;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await fetch(buildUrl(base, request), {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { ok: false, failure: timedOut ? { kind: 'timeout' } : { kind: 'network', error } };
  }
  const accepted = response.ok || (request.acceptStatuses ?? []).includes(response.status);
  if (!accepted) {
    return {
      ok: false,
      failure: { kind: 'status', status: response.status, body: text },
      retryAfter: response.headers.get('retry-after') ?? undefined,
    };
  }
  return {
    ok: true,
    response: { status: response.status, headers: response.headers, json: parseJson(text) },
  };
};

const buildUrl = (base: string, request: ApiRequest): string => {
  const url = new URL(`${base}${request.path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
};

const parseJson = (text: string): unknown => {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * Validates a response body against `schema`; a mismatch is a {@link GitLabResponseError} naming each
 * bad field (never echoing values, which may be tokens).
 */
export const parseBody = <Schema extends z.ZodType>(
  schema: Schema,
  response: ApiResponse,
  method: HttpMethod,
  path: string,
): z.output<Schema> => {
  const result = schema.safeParse(response.json);
  if (result.success) return result.data;
  const fields = toValidationIssues(result.error)
    .map((issue) => `${issue.field}: ${issue.message}`)
    .join('; ');
  throw new GitLabResponseError(
    `GitLab ${method} /api/v4${path} answered ${response.status} with an unexpected body: ${fields}`,
    { method, path: `/api/v4${path}`, status: response.status },
  );
};
