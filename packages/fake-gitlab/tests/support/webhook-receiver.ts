import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Job Hook as a receiver saw it. */
export interface ReceivedHook {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown> & { build_id: number; build_status: string; runner: unknown };
}

/** A loopback HTTP server that records every POST and answers `status` (200 by default). */
export const startWebhookReceiver = async (status = 200) => {
  const received: ReceivedHook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** `build_id:build_status` of every hook received, in arrival order. */
    transitions: () => received.map((hook) => `${hook.body.build_id}:${hook.body.build_status}`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
