import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { wallClockMs } from './stats.ts';

/** An event the stand-in bus accepted, as `PutEvents` sent it. */
export interface PutEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly EventBusName?: string;
}

/**
 * A Lambda `Invoke` the stand-in answered: which function, how, when, and the payload's
 * `runnerName` and `jobId` when it carries them. Nothing else of the payload is kept (a runner's
 * payload holds its token).
 */
export interface RecordedInvocation {
  readonly functionName: string;
  readonly invocationType: string;
  /** Wall-clock milliseconds (`wallClockMs`) when the request arrived. */
  readonly atMs: number;
  readonly runnerName?: string;
  readonly jobId?: number;
}

/**
 * A loopback stand-in for the AWS APIs the benchmarks do not run for real: EventBridge and SSM for
 * the webhook, and Lambda `Invoke`, which it only records (a Lambda runner that starts nothing).
 */
export interface AwsStandIn {
  /** `http://127.0.0.1:<port>`, for `AWS_ENDPOINT_URL`. */
  readonly endpoint: string;
  /** Every entry put on the bus, in order. */
  readonly events: PutEntry[];
  /** Every Lambda invocation, in order of arrival. */
  readonly invocations: RecordedInvocation[];
  /** How many requests asked for an operation the stand-in does not serve. */
  readonly unknownOperations: () => number;
  close(): Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const reply = (response: ServerResponse, status: number, body: object | null): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
};

const fail = (response: ServerResponse, type: string, message: string): void => {
  response.setHeader('x-amzn-errortype', type);
  reply(response, 400, { __type: type, message });
};

const parameter = (name: string, value: string) => ({
  Name: name,
  Type: 'SecureString',
  Value: value,
  Version: 1,
  DataType: 'text',
  ARN: `arn:aws:ssm:us-east-1:123456789012:parameter${name.startsWith('/') ? '' : '/'}${name}`,
  LastModifiedDate: 0,
});

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

const invocationOf = (functionName: string, invocationType: string, input: Record<string, unknown>) => ({
  functionName,
  invocationType,
  atMs: wallClockMs(),
  ...(typeof input.runnerName === 'string' ? { runnerName: input.runnerName } : {}),
  ...(typeof input.jobId === 'number' ? { jobId: input.jobId } : {}),
});

/**
 * Starts the stand-in on 127.0.0.1: Lambda `Invoke` is recorded and answered at once (202 for
 * `Event`, a `null` result otherwise); `AWSEvents.PutEvents` keeps entries in memory and answers with
 * event ids; `AmazonSSM.GetParameter(s)` serves what `parameterValue` gives a full name (it also gets
 * the stand-in's own URL, e.g. for a GitLab URL that answers fast); anything else gets a
 * fast 400 so a handler never waits on a missing stub.
 */
export const startAwsStandIn = async (
  parameterValue: (name: string, endpoint: string) => string | undefined,
): Promise<AwsStandIn> => {
  let endpoint = '';
  const events: PutEntry[] = [];
  const invocations: RecordedInvocation[] = [];
  let unknown = 0;
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const input = JSON.parse((await readBody(request)) || '{}') as Record<string, unknown>;
    const invoke = INVOKE_PATH.exec(request.url ?? '');
    if (invoke?.[1] !== undefined && request.method === 'POST') {
      const type = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
      invocations.push(invocationOf(decodeURIComponent(invoke[1]), type, input));
      if (type === 'Event') {
        response.writeHead(202, { 'content-length': 0 });
        response.end();
      } else reply(response, 200, null);
    } else if (target === 'AWSEvents.PutEvents') {
      const entries = (input.Entries ?? []) as PutEntry[];
      events.push(...entries);
      reply(response, 200, { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: randomUUID() })) });
    } else if (target === 'AmazonSSM.GetParameter') {
      const name = String(input.Name);
      const value = parameterValue(name, endpoint);
      if (value === undefined) fail(response, 'ParameterNotFound', `Parameter ${name} not found.`);
      else reply(response, 200, { Parameter: parameter(name, value) });
    } else if (target === 'AmazonSSM.GetParameters') {
      const names = (input.Names ?? []) as string[];
      const found = names.flatMap((name) => {
        const value = parameterValue(name, endpoint);
        return value === undefined ? [] : [parameter(name, value)];
      });
      reply(response, 200, {
        Parameters: found,
        InvalidParameters: names.filter((name) => parameterValue(name, endpoint) === undefined),
      });
    } else {
      unknown += 1;
      fail(
        response,
        'UnknownOperationException',
        `the benchmark stand-in does not serve ${target || 'this request'}`,
      );
    }
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => fail(response, 'InternalFailure', String(error)));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    events,
    invocations,
    unknownOperations: () => unknown,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
