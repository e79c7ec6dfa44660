// One Lambda execution environment in a child process (see execution-environments.ts): loads the
// handler once, then runs the invocations it is sent over IPC one at a time.
import { pathToFileURL } from 'node:url';
import type { LocalFunction } from '../template/functions.ts';
import { createLambdaContext } from './lambda-context.ts';

interface Invocation {
  readonly requestId: string;
  readonly event: unknown;
}

const send = (message: unknown) => process.send?.(message);

const fn = JSON.parse(process.argv[2] ?? '{}') as LocalFunction;
const module = (await import(pathToFileURL(fn.handlerPath).href)) as { handler?: unknown };
if (typeof module.handler !== 'function')
  throw new Error(`${fn.handlerPath} does not export a function named handler`);
const handler = module.handler as (event: unknown, context: unknown) => unknown;

process.on('message', (message: Invocation) => {
  Promise.resolve()
    .then(() => handler(message.event, createLambdaContext(fn, message.requestId)))
    .then(
      (result) => send({ requestId: message.requestId, result: result ?? null }),
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        send({
          requestId: message.requestId,
          error: { errorType: failure.name, errorMessage: failure.message, stack: failure.stack ?? '' },
        });
      },
    );
});
send({ ready: true });
