import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpError } from './errors.ts';

/** What a route handler answers. `body` is JSON unless it is a string (sent as text) or absent. */
export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One parsed request as handlers see it. */
export interface RouteRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly params: readonly string[];
  /** Raw body bytes. */
  readonly raw: Buffer;
}

/** Reads a request's whole body. */
export const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** The body as a JSON object (400 when it is not one); an empty body is `{}`. */
export const jsonBody = (request: RouteRequest): Record<string, unknown> => {
  if (request.raw.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(request.raw.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Answered below.
  }
  throw new FakeHttpError(400, '400 Bad request - body is not a JSON object');
};

/** A header's single value. */
export const header = (request: RouteRequest, name: string): string | undefined => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

/** Writes `result` as GitLab would: JSON with `Content-Type: application/json`, or text. */
export const writeResult = (response: ServerResponse, result: RouteResult): void => {
  const headers: Record<string, string> = { ...result.headers };
  let payload: string | undefined;
  if (typeof result.body === 'string') {
    payload = result.body;
    headers['content-type'] ??= 'text/plain';
  } else if (result.body !== undefined) {
    payload = JSON.stringify(result.body);
    headers['content-type'] = 'application/json';
  }
  response.writeHead(result.status, headers);
  response.end(payload);
};

/** GitLab's error body for a status: `{"message":"404 Not found"}`. */
export const errorResult = (error: FakeHttpError): RouteResult => ({
  status: error.status,
  body: { message: error.message },
  headers: error.headers,
});
