import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsStandIn, startAwsStandIn } from '../../lib/aws-stand-in.ts';
import { BENCH_WEBHOOK_SECRET } from '../../lib/job-hook.ts';
import type { LambdaHandler } from '../../lib/lambda.ts';
import { wrongCounts } from '../../lib/results.ts';
import type { RunSize } from '../../parts/part.ts';
import { measureWebhookOverHttp } from '../../parts/webhook-http.ts';
import { measureWebhookInProcess } from '../../parts/webhook-in-process.ts';

let aws: AwsStandIn;
beforeAll(async () => {
  aws = await startAwsStandIn(() => undefined);
});
afterAll(() => aws.close());

const ONE_ROUND: RunSize = { quick: true, rounds: { warmup: 1, measured: 1 } };

/** A stand-in webhook: checks the token and puts the body on the stand-in bus over HTTP. */
const stubHandler =
  (putEvenWhenRefused: boolean): LambdaHandler =>
  async (event) => {
    const { headers, body } = event as { headers: Record<string, string>; body: string };
    const accepted = headers['x-gitlab-token'] === BENCH_WEBHOOK_SECRET;
    if (accepted || putEvenWhenRefused) {
      await fetch(aws.endpoint, {
        method: 'POST',
        headers: { 'x-amz-target': 'AWSEvents.PutEvents' },
        body: JSON.stringify({ Entries: [{ Source: 'stub', DetailType: 'job', Detail: body }] }),
      });
    }
    return { statusCode: accepted ? 202 : 401, body: '{}' };
  };

describe('part 1: webhook in process', () => {
  it('counts answers and events of the measured rounds only', async () => {
    const result = await measureWebhookInProcess(stubHandler(false), aws, ONE_ROUND);
    expect(result.status).toBe('measured');
    if (result.status !== 'measured') return;
    expect(result.counts.map((count) => [count.name, count.actual])).toEqual([
      ['valid requests answered 2xx', 200],
      ['events put for valid requests', 200],
      ['bad-token requests answered 401/403', 200],
      ['events put for bad-token requests', 0],
    ]);
    expect(result.figures.map((figure) => figure.name)).toHaveLength(5);
  });

  it('reports a wrong count when a refused request still reaches the bus', async () => {
    const result = await measureWebhookInProcess(stubHandler(true), aws, ONE_ROUND);
    expect(wrongCounts(result).map((count) => count.name)).toEqual(['events put for bad-token requests']);
  });
});

describe('part 2: webhook over HTTP', () => {
  it('compares the endpoint with the bare server and counts every answer and event', async () => {
    const result = await measureWebhookOverHttp(stubHandler(false), aws, ONE_ROUND);
    expect(wrongCounts(result)).toEqual([]);
    if (result.status !== 'measured') throw new Error(result.reason);
    expect(result.counts.map((count) => count.actual)).toEqual([300, 300, 300]);
    expect(result.figures[0]?.baseline?.name).toBe('bare node:http, parse JSON, 202');
  });
});
