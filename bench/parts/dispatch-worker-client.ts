import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { BenchError } from '../errors.ts';
import type { FromWorker, ToWorker } from './dispatch-protocol.ts';

const WORKER = join(import.meta.dirname, 'dispatch-worker.ts');
/** How long the worker may take to start the local stack (emulators, templates, seed). */
const START_TIMEOUT_MS = 60_000;
/** Longer than the worker's own bounded stop (boots, then the stack), after which it is killed. */
const STOP_GRACE_MS = 30_000;

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/** The worker process that runs the local stack, and typed messages to and from it. */
export interface DispatchWorker {
  send(message: ToWorker): void;
  /** The next message of `type` (earlier ones are kept in order); rejects if the worker fails or exits. */
  next<T extends FromWorker['type']>(type: T): Promise<Reply<T>>;
  /** Asks the worker to stop the stack, and waits for it to exit (killing it after a grace period). */
  stop(): Promise<void>;
}

/** Keeps the last `limit` characters written to a stream, for error reports. */
const tail = (limit: number) => {
  let text = '';
  return {
    add: (chunk: Buffer) => {
      text = (text + chunk.toString('utf8')).slice(-limit);
    },
    text: () => text,
  };
};

const waitForExit = (child: ChildProcess, graceMs: number): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Forks `dispatch-worker.ts` with room for `capacity` live runners of each kind and waits for its
 * `ready` message. The worker's stdout (the handlers' log lines) is dropped.
 */
export const startDispatchWorker = async (
  capacity: number,
): Promise<{ worker: DispatchWorker; ready: Reply<'ready'> }> => {
  const child = fork(WORKER, ['--capacity', String(capacity)], { silent: true });
  const stderr = tail(4000);
  child.stdout?.resume();
  child.stderr?.on('data', stderr.add);
  const inbox: FromWorker[] = [];
  const waiters: (() => void)[] = [];
  let ended: BenchError | undefined;
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.on('message', (message: FromWorker) => {
    if (message.type === 'failed') ended = new BenchError(`dispatch worker: ${message.message}`);
    else inbox.push(message);
    wake();
  });
  child.on('exit', (code, signal) => {
    ended ??= new BenchError(`dispatch worker exited (${signal ?? code}):\n${stderr.text()}`);
    wake();
  });
  const next = async <T extends FromWorker['type']>(type: T): Promise<Reply<T>> => {
    for (;;) {
      const index = inbox.findIndex((message) => message.type === type);
      if (index >= 0) return inbox.splice(index, 1)[0] as Reply<T>;
      if (ended) throw ended;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const worker: DispatchWorker = {
    send: (message) => {
      child.send(message);
    },
    next,
    stop: async () => {
      if (child.connected) child.send({ type: 'stop' } satisfies ToWorker);
      await waitForExit(child, STOP_GRACE_MS);
    },
  };
  const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
  try {
    return { worker, ready: await next('ready') };
  } catch (error) {
    await worker.stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
};
