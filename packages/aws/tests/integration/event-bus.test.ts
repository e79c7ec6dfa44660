import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type MotoServer, startMotoServer } from '@glr/test-support';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEventPublisher, EventPublishError } from '../../src/index.ts';

const BUS = 'glr-test-bus';
let moto: MotoServer;
let eventBridge: EventBridgeClient;
let sqs: SQSClient;

beforeAll(async () => {
  moto = await startMotoServer();
  eventBridge = new EventBridgeClient({ endpoint: moto.endpoint });
  sqs = new SQSClient({ endpoint: moto.endpoint });
});

afterAll(async () => {
  await moto.stop();
});

beforeEach(async () => {
  await moto.reset();
});

/** Routes every event with `source` from the bus to a new queue, so the test can read what was put. */
const tapBus = async (source: string): Promise<() => Promise<unknown[]>> => {
  await eventBridge.send(new CreateEventBusCommand({ Name: BUS }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'tap' }));
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  await eventBridge.send(
    new PutRuleCommand({
      Name: 'tap',
      EventBusName: BUS,
      EventPattern: JSON.stringify({ source: [source] }),
    }),
  );
  await eventBridge.send(
    new PutTargetsCommand({
      Rule: 'tap',
      EventBusName: BUS,
      Targets: [{ Id: 'queue', Arn: attributes.Attributes?.QueueArn }],
    }),
  );
  return async () => {
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    return (received.Messages ?? []).map((message) => JSON.parse(message.Body ?? 'null'));
  };
};

describe('createEventPublisher against moto', () => {
  it('puts one event with source, detail-type, time and JSON detail on the named bus', async () => {
    const readTap = await tapBus('glr.test');
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
