// Part 2: requests per second through an HTTP endpoint in front of the webhook handler, against a
// bare node:http server that parses the same JSON and answers 202, in the same run.
import { fromApiGatewayResult, toApiGatewayEvent } from '@glr/local';
import type { AwsStandIn } from '../lib/aws-stand-in.ts';
import {
  type AnswerRequest,
  bareAnswer,
  type LoadResult,
  sendLoad,
  serveOnLoopback,
} from '../lib/http-load.ts';
import { BENCH_WEBHOOK_SECRET, jobIds, pendingJobHook } from '../lib/job-hook.ts';
import { type LambdaHandler, lambdaContext } from '../lib/lambda.ts';
import type { PartResult } from '../lib/results.ts';
import { runRounds, spread } from '../lib/stats.ts';
import type { RunSize } from './part.ts';

/** The HTTP API the local stack puts in front of the webhook (Infrastructure template: `POST /webhook`). */
const HTTP_API = { apiId: 'bench', account: '123456789012', routeKey: 'POST /webhook' };

/**
 * Answers a request through the local stack's own HTTP adapter, as API Gateway does: an HTTP API
 * (payload 2.0) event in, the proxy result out.
 */
const throughHandler =
  (handler: LambdaHandler): AnswerRequest =>
  async (request) =>
    fromApiGatewayResult(await handler(toApiGatewayEvent(request, HTTP_API), lambdaContext('webhook')));

const answered = (load: LoadResult, low: number, high: number): number =>
  [...load.statuses]
    .filter(([status]) => status >= low && status < high)
    .reduce((total, [, n]) => total + n, 0);

/** Measures part 2 with `handler` loaded and its AWS clients pointed at `bus`. */
export const measureWebhookOverHttp = async (
  handler: LambdaHandler,
  bus: AwsStandIn,
  size: RunSize,
): Promise<PartResult> => {
  const perRound = size.quick ? 300 : 3000;
  const concurrency = size.quick ? 8 : 16;
  const ours = await serveOnLoopback(throughHandler(handler));
  const bare = await serveOnLoopback(bareAnswer);
  const nextJobId = jobIds(2_000_000);
  const deliveries = () =>
    Array.from({ length: perRound }, () => pendingJobHook(nextJobId(), BENCH_WEBHOOK_SECRET));
  try {
    const loadOurs = async () => {
      const eventsBefore = bus.events.length;
      const load = await sendLoad(ours.url, deliveries(), { concurrency });
      return { load, eventsPut: bus.events.length - eventsBefore };
    };
    const rounds = await runRounds(size.rounds, async (index) => {
      // Alternate which server goes first so neither always runs on a warmer process.
      if (index % 2 === 0) {
        const bareLoad = await sendLoad(bare.url, deliveries(), { concurrency });
        return { bare: bareLoad, ...(await loadOurs()) };
      }
      const oursLoad = await loadOurs();
      return { bare: await sendLoad(bare.url, deliveries(), { concurrency }), ...oursLoad };
    });
    const expected = perRound * size.rounds.measured;
    return {
      id: 'webhook-http',
      title: '2. Webhook over HTTP',
      status: 'measured',
      size: `${perRound} requests a round at concurrency ${concurrency}, keep-alive, loopback`,
      figures: [
        {
          name: 'webhook endpoint throughput',
          unit: 'req/s',
          value: spread(rounds.map((round) => round.load.requestsPerSecond)),
          baseline: {
            name: 'bare node:http, parse JSON, 202',
            value: spread(rounds.map((round) => round.bare.requestsPerSecond)),
            ratio: spread(rounds.map((round) => round.load.requestsPerSecond / round.bare.requestsPerSecond)),
          },
        },
      ],
      counts: [
        {
          name: 'webhook requests answered 2xx',
          actual: rounds.reduce((t, r) => t + answered(r.load, 200, 300), 0),
          expected,
        },
        {
          name: 'bare requests answered 202',
          actual: rounds.reduce((t, r) => t + answered(r.bare, 202, 203), 0),
          expected,
        },
        { name: 'events put on the bus', actual: rounds.reduce((t, r) => t + r.eventsPut, 0), expected },
      ],
      notes: [
        "Endpoint: a node:http server that turns each request into an HTTP API (payload 2.0) event and the handler's result into the response with the local stack's adapter (toApiGatewayEvent, fromApiGatewayResult of @glr/local).",
      ],
    };
  } finally {
    await Promise.all([ours.close(), bare.close()]);
  }
};
