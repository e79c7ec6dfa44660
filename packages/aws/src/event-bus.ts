import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EventPublishError } from './errors.ts';

/** One event for an EventBridge bus. */
export interface BusEvent {
  readonly source: string;
  readonly detailType: string;
  /** Serialised as the event's JSON `detail`. */
  readonly detail: object;
  readonly time?: Date;
}

/** Puts events on one EventBridge bus. */
export interface EventPublisher {
  /** Puts one event and returns its EventBridge id; throws {@link EventPublishError} on any failure. */
  publish(event: BusEvent): Promise<string>;
}

/** Where {@link createEventPublisher} puts events. */
export interface EventPublisherOptions {
  /** Bus name or ARN. */
  readonly busName: string;
  /** Defaults to a client from the environment (`AWS_ENDPOINT_URL_EVENTBRIDGE` is honoured). */
  readonly client?: EventBridgeClient;
}

/**
 * An {@link EventPublisher} for a bus. A call that fails and an entry EventBridge rejects
 * (`FailedEntryCount > 0`) both throw, so a caller never mistakes a dropped event for a put one.
 */
export const createEventPublisher = ({
  busName,
  client = new EventBridgeClient({}),
}: EventPublisherOptions): EventPublisher => ({
  publish: async ({ source, detailType, detail, time }) => {
    const command = new PutEventsCommand({
      Entries: [
        {
          EventBusName: busName,
          Source: source,
          DetailType: detailType,
          Detail: JSON.stringify(detail),
          Time: time,
        },
      ],
    });
    const output = await client.send(command).catch((error: unknown) => {
      throw new EventPublishError(`PutEvents on bus ${busName} failed`, { cause: error });
    });
    const entry = output.Entries?.[0];
    if (!output.FailedEntryCount && entry?.EventId) return entry.EventId;
    const errorCode = entry?.ErrorCode ?? 'NoEventId';
    throw new EventPublishError(
      `PutEvents on bus ${busName} rejected the event: ${errorCode} ${entry?.ErrorMessage ?? ''}`.trim(),
      { errorCode },
    );
  },
});
