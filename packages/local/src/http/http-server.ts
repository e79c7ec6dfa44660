import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LoggerPort, silentLogger } from '@glr/core';

/** A request as the local servers see it: body read in full. */
export interface LocalRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly rawQueryString: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  readonly sourceIp: string;
}

/** A response of a local route. */
export interface LocalResponse {
  readonly status: number;
  readonly headers?: Record<string, string | readonly string[]>;
  readonly body?: string | Buffer;
}

/** Answers a request, or returns undefined to let the next route try. */
export type LocalRoute = (
  request: LocalRequest,
) => Promise<LocalResponse | undefined> | LocalResponse | undefined;

/** A listening local server. */
export interface LocalHttpServer {
  /** `http://<host>:<port>`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Request bodies above this are refused (API Gateway's own payload limit is 10 MB). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const readBody = async (request: IncomingMessage): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/** JSON response helper. */
export const jsonResponse = (status: number, value: unknown): LocalResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

/**
 * Starts an HTTP server on loopback (by default) that tries each route in order; 404 when none
 * answers, and a generic 500 (nothing internal in the body) when a route throws.
 */
export const startLocalHttpServer = async (options: {
  readonly routes: readonly LocalRoute[];
  readonly host?: string;
  readonly port?: number;
  readonly logger?: LoggerPort;
}): Promise<LocalHttpServer> => {
  const logger = options.logger ?? silentLogger;
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const body = await readBody(incoming);
      const [path = '/', rawQueryString = ''] = (incoming.url ?? '/').split(/\?(.*)/s);
      let response: LocalResponse;
      if (!body) {
        response = jsonResponse(413, { message: 'Request Entity Too Large' });
      } else {
        const request: LocalRequest = {
          method: incoming.method ?? 'GET',
          path,
          rawQueryString,
          headers: incoming.headers,
          body,
          sourceIp: incoming.socket.remoteAddress ?? '127.0.0.1',
        };
        try {
          response =
            (await firstAnswer(options.routes, request)) ?? jsonResponse(404, { message: 'Not Found' });
        } catch (error) {
          logger.error('local route failed', { path, error: error instanceof Error ? error.name : 'Error' });
          response = jsonResponse(500, { message: 'Internal Server Error' });
        }
      }
      outgoing.writeHead(response.status, response.headers as Record<string, string | string[]>);
      outgoing.end(response.body);
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

const firstAnswer = async (routes: readonly LocalRoute[], request: LocalRequest) => {
  for (const route of routes) {
    const response = await route(request);
    if (response) return response;
  }
  return undefined;
};
