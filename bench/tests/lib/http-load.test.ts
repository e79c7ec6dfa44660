import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareAnswer, type LoopbackServer, sendLoad, serveOnLoopback } from '../../lib/http-load.ts';
import { jobIds, pendingJobHook } from '../../lib/job-hook.ts';

let bare: LoopbackServer;
beforeAll(async () => {
  bare = await serveOnLoopback(bareAnswer);
});
afterAll(() => bare.close());

describe('sendLoad', () => {
  it('sends exactly the deliveries given and counts the answers by status', async () => {
    const next = jobIds(1);
    const deliveries = Array.from({ length: 25 }, () => pendingJobHook(next(), 'token'));
    const result = await sendLoad(bare.url, deliveries, { concurrency: 4 });
    expect(result.statuses.get(202)).toBe(25);
    expect(result.requestsPerSecond).toBeGreaterThan(0);
  });

  it('tells of every answer with the index of its delivery, paced or not', async () => {
    const next = jobIds(100);
    const deliveries = Array.from({ length: 6 }, () => pendingJobHook(next(), 'token'));
    const answered: number[] = [];
    await sendLoad(bare.url, deliveries, {
      concurrency: 2,
      perSecond: 1000,
      onAnswer: (index, status) => {
        if (status === 202) answered.push(index);
      },
    });
    expect(answered.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('answers 500 when an answer fails (the bare server on a body that is not JSON)', async () => {
    const result = await sendLoad(
      bare.url,
      [{ headers: { 'content-type': 'application/json' }, body: '{' }],
      { concurrency: 1 },
    );
    expect([...result.statuses]).toEqual([[500, 1]]);
  });

  it('refuses to send load anywhere but loopback', async () => {
    await expect(sendLoad('http://192.0.2.1/webhook', [], { concurrency: 1 })).rejects.toThrow(
      /loopback only/,
    );
  });
});
