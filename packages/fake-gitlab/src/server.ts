import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeHttpError } from './errors.ts';
import type { FaultInjector, FaultSpec } from './faults.ts';
import { errorResult, type RouteResult, readBody, writeResult } from './http.ts';
import { dispatch, type Route } from './router.ts';

/** One request the fake answered: method, path (no query) and status. Never a header or a body. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

/** A listening HTTP server over the fake's routes. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts node:http on `host:port`, answering through faults first, then `routes`. */
export const listen = async (options: {
  readonly host: string;
  readonly port: number;
  readonly routes: () => readonly Route[];
  readonly faults: FaultInjector;
  readonly requests: RecordedRequest[];
}): Promise<RunningServer> => {
  const delays = new Set<NodeJS.Timeout>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        delays.delete(timer);
        resolve();
      }, ms);
      delays.add(timer);
    });

  const answer = async (request: IncomingMessage): Promise<RouteResult> => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    const raw = await readBody(request);
    const fault = options.faults.take(method, url.pathname);
    if (fault?.delayMs !== undefined) await wait(fault.delayMs);
    if (fault?.status !== undefined) return faultResult(fault);
    try {
      return await dispatch(options.routes(), {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        raw,
      });
    } catch (error) {
      if (error instanceof FakeHttpError) return errorResult(error);
      return { status: 500, body: { message: '500 Internal Server Error' } };
    }
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    answer(request).then(
      (result) => {
        options.requests.push({
          method: request.method ?? 'GET',
          path: new URL(request.url ?? '/', 'http://fake').pathname,
          status: result.status,
        });
        if (!response.destroyed) writeResult(response, result);
      },
      // The client went away while its body was read: nothing to answer.
      () => response.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${address.port}`,
    close: async () => {
      for (const timer of delays) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

const faultResult = (fault: FaultSpec): RouteResult => {
  const status = fault.status ?? 500;
  return {
    status,
    body: fault.body ?? { message: `${status}` },
    headers: fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) },
  };
};
