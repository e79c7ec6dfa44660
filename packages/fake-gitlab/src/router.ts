import { FakeHttpError } from './errors.ts';
import type { RouteRequest, RouteResult } from './http.ts';

/** Handles one matched request; may throw {@link FakeHttpError}. */
export type RouteHandler = (request: RouteRequest) => RouteResult | Promise<RouteResult>;

/** A route: method and a path pattern whose capture groups become `request.params`. */
export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handler: RouteHandler;
}

/** Shorthand for a route on a path template where `:name` matches one path segment. */
export const route = (method: string, template: string, handler: RouteHandler): Route => ({
  method,
  pattern: new RegExp(`^${template.replace(/:[a-z_]+/g, '([^/]+)')}$`),
  handler,
});

/** Finds the route for a request and runs it; 404 when the path is unknown, 405 for a wrong method. */
export const dispatch = async (
  routes: readonly Route[],
  request: Omit<RouteRequest, 'params'>,
): Promise<RouteResult> => {
  let pathMatched = false;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(request.path);
    if (!match) continue;
    pathMatched = true;
    if (candidate.method !== request.method) continue;
    return candidate.handler({ ...request, params: match.slice(1).map((part) => decodeURIComponent(part)) });
  }
  throw pathMatched
    ? new FakeHttpError(405, '405 Method Not Allowed')
    : new FakeHttpError(404, '404 Not Found');
};

/** A numeric path parameter (404 when it is not a positive integer). */
export const idParam = (request: RouteRequest, index: number): number => {
  const value = Number(request.params[index]);
  if (!Number.isSafeInteger(value) || value <= 0) throw new FakeHttpError(404, '404 Not Found');
  return value;
};
