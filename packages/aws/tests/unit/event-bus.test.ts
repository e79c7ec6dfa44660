import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventPublisher, EventPublishError } from '../../src/index.ts';

// moto accepts every entry: a rejected entry (FailedEntryCount > 0) can only be staged with a mock.
const client = new EventBridgeClient({ endpoint: 'http://127.0.0.1:1' });
const eventBridge = mockClient(client);
const publisher = createEventPublisher({ busName: 'glr-bus', client });
const event = { source: 'glr.test', detailType: 'Thing Happened', detail: { jobId: 1 } };

afterEach(() => {
  eventBridge.reset();
});

describe('createEventPublisher when EventBridge rejects the entry', () => {
  it('throws with the entry error code when FailedEntryCount > 0', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }],
    });

    const error = await publisher.publish(event).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(EventPublishError);
    expect(error).toMatchObject({
      errorCode: 'ThrottlingException',
      message: 'PutEvents on bus glr-bus rejected the event: ThrottlingException Rate exceeded',
    });
  });

  it('throws when the answer carries no event id', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });

    await expect(publisher.publish(event)).rejects.toMatchObject({ errorCode: 'NoEventId' });
  });

  it('keeps the SDK error as the cause when the call is throttled', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    eventBridge.on(PutEventsCommand).rejects(throttled);

    const error = await publisher.publish(event).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(EventPublishError);
    expect((error as EventPublishError).cause).toBe(throttled);
  });
});
