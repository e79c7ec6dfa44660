import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallRecord } from './sandbox.ts';

/** A loopback HTTP server that records every request through `record`. */
export interface RecordingServer {
  readonly url: string;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

const headersOf = (request: IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(',') : `${value}`,
    ]),
  );

async function listen(
  name: string,
  record: (event: CallRecord) => void,
  handle: Handler,
): Promise<RecordingServer> {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      record({
        cmd: name,
        argv: [],
        env: {},
        method: request.method ?? '',
        path: request.url ?? '',
        headers: headersOf(request),
        body,
      });
      handle(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Instance identity the fake IMDS serves. */
export interface InstanceIdentity {
  readonly instanceId: string;
  readonly region: string;
}

/** The IMDSv2 session token the fake IMDS hands out and then requires. */
export const IMDS_SESSION_TOKEN = 'imds-session-token-for-tests';

/** IMDSv2 as the bootstrap uses it: PUT a session token, then GETs that must carry it (401 otherwise). */
export function startFakeImds(
  record: (event: CallRecord) => void,
  identity: InstanceIdentity,
): Promise<RecordingServer> {
  const metadata: Record<string, string> = {
    '/latest/meta-data/instance-id': identity.instanceId,
    '/latest/meta-data/placement/region': identity.region,
  };
  return listen('imds', record, (request, _body, response) => {
    if (request.method === 'PUT' && request.url === '/latest/api/token') {
      const ttl = request.headers['x-aws-ec2-metadata-token-ttl-seconds'];
      response.writeHead(ttl === undefined ? 400 : 200).end(ttl === undefined ? '' : IMDS_SESSION_TOKEN);
      return;
    }
    const value = request.method === 'GET' ? metadata[request.url ?? ''] : undefined;
    if (request.headers['x-aws-ec2-metadata-token'] !== IMDS_SESSION_TOKEN) response.writeHead(401).end();
    else if (value === undefined) response.writeHead(404).end();
    else response.writeHead(200, { 'Content-Type': 'text/plain' }).end(value);
  });
}

/**
 * GitLab's `DELETE /api/v4/runners`: answers with the next status of `statuses` (the last one repeats).
 * Any other request gets 404.
 */
export function startFakeGitLab(
  record: (event: CallRecord) => void,
  statuses: readonly number[],
): Promise<RecordingServer> {
  let answered = 0;
  return listen('gitlab', record, (request, _body, response) => {
    if (request.method !== 'DELETE' || request.url !== '/api/v4/runners') {
      response.writeHead(404).end();
      return;
    }
    const status = statuses[Math.min(answered, statuses.length - 1)] ?? 204;
    answered += 1;
    response.writeHead(status).end();
  });
}
