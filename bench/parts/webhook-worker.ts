// Runs parts 1 and 2 in a child process of `pnpm bench`: the handler reads its settings from the
// environment when loaded, and its log lines go to this process's stdout, which the parent drops.
import { existsSync } from 'node:fs';
import { startAwsStandIn } from '../lib/aws-stand-in.ts';
import { benchParameterValue, importHandler, lambdaEnvironment, WEBHOOK_HANDLER } from '../lib/lambda.ts';
import type { PartResult } from '../lib/results.ts';
import { runSize } from './part.ts';
import { measureWebhookOverHttp } from './webhook-http.ts';
import { measureWebhookInProcess } from './webhook-in-process.ts';

/** The message the worker sends its parent. */
export interface WebhookWorkerMessage {
  readonly results: readonly PartResult[];
}

const skipped = (reason: string): PartResult[] => [
  { id: 'webhook-in-process', title: '1. Webhook handler, in process', status: 'skipped', reason },
  { id: 'webhook-http', title: '2. Webhook over HTTP', status: 'skipped', reason },
];

const measure = async (quick: boolean): Promise<PartResult[]> => {
  if (!existsSync(WEBHOOK_HANDLER)) return skipped(`${WEBHOOK_HANDLER} does not exist yet`);
  const bus = await startAwsStandIn(benchParameterValue);
  try {
    Object.assign(process.env, lambdaEnvironment('Infrastructure', 'webhook', bus.endpoint));
    const handler = await importHandler(WEBHOOK_HANDLER);
    const size = runSize(quick);
    return [
      await measureWebhookInProcess(handler, bus, size),
      await measureWebhookOverHttp(handler, bus, size),
    ];
  } finally {
    await bus.close();
  }
};

if (import.meta.main) {
  const results = await measure(process.argv.includes('--quick'));
  const message: WebhookWorkerMessage = { results };
  process.send?.(message, () => process.exit(0));
}
