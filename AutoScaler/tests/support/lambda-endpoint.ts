import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the stub received. */
export interface RecordedInvocation {
  readonly functionName: string;
  readonly invocationType: string | undefined;
  readonly payload: unknown;
}

/** A Lambda service stub on loopback: accepts asynchronous invokes, or fails them on request. */
export interface LambdaEndpoint {
  readonly endpoint: string;
  readonly invocations: readonly RecordedInvocation[];
  /** Makes every invoke fail as Lambda does when throttled (429 TooManyRequestsException). */
  failInvocations(fail: boolean): void;
  stop(): Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * Starts a stub of the Lambda Invoke API (`POST /2015-03-31/functions/<name>/invocations`): moto
 * would need Docker to run an invoked function, and the tests only need to see what was sent.
 */
export const startLambdaEndpoint = async (): Promise<LambdaEndpoint> => {
  const invocations: RecordedInvocation[] = [];
  let failing = false;
  const server = createServer(async (request, response) => {
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(request.url ?? '');
    const body = await readBody(request);
    if (!match?.[1]) {
      response.writeHead(404).end();
      return;
    }
    if (failing) {
      response
        .writeHead(429, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'TooManyRequestsException',
        })
        .end(
          JSON.stringify({
            Type: 'User',
            message: 'Rate Exceeded.',
            Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
          }),
        );
      return;
    }
    invocations.push({
      functionName: decodeURIComponent(match[1]),
      invocationType: request.headers['x-amz-invocation-type'] as string | undefined,
      payload: JSON.parse(body),
    });
    response.writeHead(202).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    invocations,
    failInvocations: (fail) => {
      failing = fail;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
