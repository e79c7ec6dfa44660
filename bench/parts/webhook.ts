import { fork } from 'node:child_process';
import { join } from 'node:path';
import { BenchError } from '../errors.ts';
import type { PartResult } from '../lib/results.ts';
import type { BenchPart, RunSize } from './part.ts';
import type { WebhookWorkerMessage } from './webhook-worker.ts';

const WORKER = join(import.meta.dirname, 'webhook-worker.ts');

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

/** Parts 1 and 2, measured in a child process that loads the webhook handler. */
export const webhookParts: BenchPart = {
  id: 'webhook',
  title: 'Webhook handler in process and over HTTP',
  run: (size: RunSize) =>
    new Promise<readonly PartResult[]>((resolve, reject) => {
      const child = fork(WORKER, size.quick ? ['--quick'] : [], { silent: true });
      const stderr = tail(4000);
      let results: readonly PartResult[] | undefined;
      child.stdout?.resume();
      child.stderr?.on('data', stderr.add);
      child.on('message', (message: WebhookWorkerMessage) => {
        results = message.results;
      });
      child.on('error', reject);
      child.on('exit', (code) => {
        if (results !== undefined) resolve(results);
        else
          reject(
            new BenchError(`webhook benchmark worker exited ${code} without results:\n${stderr.text()}`),
          );
      });
    }),
};
