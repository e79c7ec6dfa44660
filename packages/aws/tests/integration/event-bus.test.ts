import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { type MotoServer, startMotoServer, tapEventBus } from '@glr/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEventPublisher, EventPublishError } from '../../src/index.ts';

const BUS = 'glr-test-bus';
let moto: MotoServer;
let eventBridge: EventBridgeClient;

beforeAll(async () => {
  moto = await startMotoServer();
  eventBridge = new EventBridgeClient({ endpoint: moto.endpoint });
});

afterAll(async () => {
  await moto.stop();
});

beforeEach(async () => {
  await moto.reset();
});

describe('createEventPublisher against moto', () => {
  it('puts one event with source, detail-type, time and JSON detail on the named bus', async () => {
    const readTap = await tapEventBus({
      endpoint: moto.endpoint,
      busName: BUS,
      pattern: { source: ['glr.test'] },
    });
    const publisher = createEventPublisher({ busName: BUS, client: eventBridge });

    const eventId = await publisher.publish({
      source: 'glr.test',
      detailType: 'Thing Happened',
      detail: { jobId: 4711, status: 'pending' },
      time: new Date('2026-03-02T10:15:02Z'),
    });

    expect(eventId).toEqual(expect.any(String));
    expect(await readTap()).toEqual([
      expect.objectContaining({
        source: 'glr.test',
        'detail-type': 'Thing Happened',
        time: '2026-03-02T10:15:02Z',
        detail: { jobId: 4711, status: 'pending' },
      }),
    ]);
  });

  it('throws an EventPublishError naming the bus when the call fails', async () => {
    const unreachable = new EventBridgeClient({ endpoint: 'http://127.0.0.1:1', maxAttempts: 1 });
    const publisher = createEventPublisher({ busName: BUS, client: unreachable });

    const failure = publisher.publish({ source: 'glr.test', detailType: 'Thing Happened', detail: {} });

    await expect(failure).rejects.toThrow(EventPublishError);
    await expect(failure).rejects.toThrow(`PutEvents on bus ${BUS} failed`);
  });
});
