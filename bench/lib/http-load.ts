import { Agent, createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
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

/** A request as the local stack's HTTP adapter takes it (`toApiGatewayEvent` of `@glr/local`). */
export interface LoopbackRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly rawQueryString: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly sourceIp: string;
}

/** The response an answer produced (what `fromApiGatewayResult` of `@glr/local` makes). */
export interface LoopbackResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string | Buffer;
}

/** Answers one request. */
export type AnswerRequest = (request: LoopbackRequest) => Promise<LoopbackResponse>;

const INTERNAL_ERROR: LoopbackResponse = {
  status: 500,
  headers: { 'content-type': 'application/json' },
  body: '{"message":"Internal Server Error"}',
};

/** Serves `answer` on an ephemeral loopback port; an answer that throws becomes a generic 500. */
export const serveOnLoopback = async (answer: AnswerRequest): Promise<LoopbackServer> => {
  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const [path = '/', rawQueryString = ''] = (incoming.url ?? '/').split('?', 2);
      answer({
        method: incoming.method ?? 'GET',
        path,
        rawQueryString,
        headers: incoming.headers,
        body: Buffer.concat(chunks),
        sourceIp: incoming.socket.remoteAddress ?? '127.0.0.1',
      })
        .catch(() => INTERNAL_ERROR)
        .then(({ status, headers, body = '' }) => {
          response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
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
  JSON.parse(body.toString('utf8'));
  return { status: 202, headers: { 'content-type': 'application/json' }, body: '{"accepted":true}' };
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

/** How {@link sendLoad} sends. */
export interface LoadOptions {
  /** Requests in flight at most (keep-alive connections). */
  readonly concurrency: number;
  /** Sends the i-th delivery no earlier than i ÷ perSecond seconds after the first; as fast as possible when absent. */
  readonly perSecond?: number;
  readonly onAnswer?: OnAnswer;
}

/**
 * Sends `deliveries` to `url` in order over keep-alive connections, `concurrency` at a time and
 * optionally paced, and measures requests per second. Bounded: exactly `deliveries.length`
 * requests, loopback only.
 */
export const sendLoad = async (
  url: string,
  deliveries: readonly Delivery[],
  options: LoadOptions,
): Promise<LoadResult> => {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1')
    throw new RangeError(`load goes to loopback only, not ${target.hostname}`);
  const { concurrency, perSecond, onAnswer } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses = new Map<number, number>();
  let next = 0;
  const started = nowMs();
  const worker = async (): Promise<void> => {
    while (next < deliveries.length) {
      const index = next;
      next += 1;
      const due = perSecond === undefined ? 0 : started + (index * 1000) / perSecond - nowMs();
      if (due > 0) await sleep(due);
      const status = await post(agent, target, deliveries[index] as Delivery);
      onAnswer?.(index, status, wallClockMs());
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (nowMs() - started) / 1000;
  agent.destroy();
  return { requestsPerSecond: deliveries.length / seconds, statuses };
};
