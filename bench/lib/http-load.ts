import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Delivery } from './job-hook.ts';
import { nowMs, wallClockMs } from './stats.ts';

/** Status codes of a load run, and how fast it went. */
export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly statuses: ReadonlyMap<number, number>;
}

/** A server on 127.0.0.1 and its URL. */
export interface LoopbackServer {
  readonly url: string;
  close(): Promise<void>;
}

/** The HTTP response a request handler produced. */
export interface HttpAnswer {
  readonly statusCode: number;
  readonly body: string;
}

/** Answers one request: method, path, lower-case headers and the raw body. */
export type AnswerRequest = (request: {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}) => Promise<HttpAnswer>;

/** Serves `answer` on an ephemeral loopback port. */
export const serveOnLoopback = async (answer: AnswerRequest): Promise<LoopbackServer> => {
  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(incoming.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(',') : (value ?? ''),
        ]),
      );
      answer({ path: incoming.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') })
        .catch(() => ({ statusCode: 500, body: '{"message":"Internal Server Error"}' }))
        .then(({ statusCode, body }) => {
          response.writeHead(statusCode, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          });
          response.end(body);
        });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

/** The baseline: parses the JSON body and answers 202, nothing else. */
export const bareAnswer: AnswerRequest = async ({ body }) => {
  JSON.parse(body);
  return { statusCode: 202, body: '{"accepted":true}' };
};

const post = (agent: Agent, url: URL, delivery: Delivery): Promise<number> =>
  new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent, headers: delivery.headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    outgoing.end(delivery.body);
  });

/** Told of each answer: the delivery's index, the status and when it came (`wallClockMs`). */
export type OnAnswer = (index: number, status: number, atMs: number) => void;

/**
 * Sends `deliveries` to `url` over keep-alive connections, `concurrency` at a time, in order, and
 * measures requests per second. Bounded: exactly `deliveries.length` requests, loopback only.
 */
export const sendLoad = async (
  url: string,
  deliveries: readonly Delivery[],
  concurrency: number,
  onAnswer?: OnAnswer,
): Promise<LoadResult> => {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1')
    throw new RangeError(`load goes to loopback only, not ${target.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < deliveries.length) {
      const index = next;
      next += 1;
      const status = await post(agent, target, deliveries[index] as Delivery);
      onAnswer?.(index, status, wallClockMs());
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const started = nowMs();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (nowMs() - started) / 1000;
  agent.destroy();
  return { requestsPerSecond: deliveries.length / seconds, statuses };
};
