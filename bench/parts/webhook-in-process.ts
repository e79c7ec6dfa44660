// Part 1: the webhook handler called in process, as Lambda calls it, for a valid pending Job Hook
// and for a request with a wrong X-Gitlab-Token.
import type { AwsStandIn } from '../lib/aws-stand-in.ts';
import {
  BENCH_WEBHOOK_SECRET,
  type Delivery,
  httpApiEvent,
  jobIds,
  pendingJobHook,
} from '../lib/job-hook.ts';
import { type LambdaHandler, lambdaContext, statusCodeOf } from '../lib/lambda.ts';
import type { PartResult } from '../lib/results.ts';
import { nowMs, percentile, runRounds, spread } from '../lib/stats.ts';
import type { RunSize } from './part.ts';

interface Batch {
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  /** Answers per status code class: `2xx`, `401`, `403`, other codes as themselves. */
  readonly statuses: Map<string, number>;
  readonly eventsPut: number;
}

const statusClass = (status: number): string => (status >= 200 && status < 300 ? '2xx' : String(status));

/** Sends `deliveries` one after the other and records each one's latency. */
const sendBatch = async (
  handler: LambdaHandler,
  bus: AwsStandIn,
  deliveries: readonly Delivery[],
): Promise<Batch> => {
  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  const eventsBefore = bus.events.length;
  for (const delivery of deliveries) {
    const event = httpApiEvent(delivery);
    const started = nowMs();
    const result = await handler(event, lambdaContext('webhook'));
    latencies.push(nowMs() - started);
    const key = statusClass(statusCodeOf(result));
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
  }
  return {
    mean: latencies.reduce((total, latency) => total + latency, 0) / latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses,
    eventsPut: bus.events.length - eventsBefore,
  };
};

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** Measures part 1 with `handler` loaded and its AWS clients pointed at `bus`. */
export const measureWebhookInProcess = async (
  handler: LambdaHandler,
  bus: AwsStandIn,
  size: RunSize,
): Promise<PartResult> => {
  const perRound = size.quick ? 200 : 2000;
  const nextJobId = jobIds(1_000_000);
  const deliveries = (token: string) =>
    Array.from({ length: perRound }, () => pendingJobHook(nextJobId(), token));
  const rounds = await runRounds(size.rounds, async () => ({
    valid: await sendBatch(handler, bus, deliveries(BENCH_WEBHOOK_SECRET)),
    rejected: await sendBatch(handler, bus, deliveries('not-the-webhook-secret')),
  }));
  const expected = perRound * size.rounds.measured;
  const valid = rounds.map((round) => round.valid);
  const rejected = rounds.map((round) => round.rejected);
  const refused = (batch: Batch) => (batch.statuses.get('401') ?? 0) + (batch.statuses.get('403') ?? 0);
  return {
    id: 'webhook-in-process',
    title: '1. Webhook handler, in process',
    status: 'measured',
    size: `${perRound} valid + ${perRound} bad-token requests a round, one at a time`,
    figures: [
      { name: 'valid pending Job Hook, p50', unit: 'ms', value: spread(valid.map((batch) => batch.p50)) },
      { name: 'valid pending Job Hook, p99', unit: 'ms', value: spread(valid.map((batch) => batch.p99)) },
      { name: 'valid pending Job Hook, mean', unit: 'ms', value: spread(valid.map((batch) => batch.mean)) },
      { name: 'bad token (rejected), p50', unit: 'ms', value: spread(rejected.map((batch) => batch.p50)) },
      { name: 'bad token (rejected), p99', unit: 'ms', value: spread(rejected.map((batch) => batch.p99)) },
    ],
    counts: [
      {
        name: 'valid requests answered 2xx',
        actual: sum(valid.map((b) => b.statuses.get('2xx') ?? 0)),
        expected,
      },
      { name: 'events put for valid requests', actual: sum(valid.map((b) => b.eventsPut)), expected },
      { name: 'bad-token requests answered 401/403', actual: sum(rejected.map(refused)), expected },
      {
        name: 'events put for bad-token requests',
        actual: sum(rejected.map((b) => b.eventsPut)),
        expected: 0,
      },
    ],
    notes: [
      'The real exported handler (middy, Powertools logger and metrics) with its EventBridge and SSM clients pointed at an in-memory stand-in in the same process (loopback HTTP); X-Ray tracing off.',
    ],
  };
};
