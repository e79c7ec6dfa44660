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

/** Where to tap and what: see {@link tapEventBus}. */
export interface EventBusTapOptions {
  /** The emulator's endpoint (moto). */
  readonly endpoint: string;
  /** The bus to create and tap. */
  readonly busName: string;
  /** The EventBridge event pattern the tap's rule matches, as an object. */
  readonly pattern: Readonly<Record<string, unknown>>;
  /** Name of the rule and of its queue (default `tap`). */
  readonly name?: string;
}

/**
 * Creates an event bus on the emulator with a rule that copies the matching events into an SQS
 * queue, and returns a reader of that queue: a test reads back what was put on the bus, through a
 * real rule.
 */
export const tapEventBus = async (options: EventBusTapOptions): Promise<() => Promise<unknown[]>> => {
  const name = options.name ?? 'tap';
  const eventBridge = new EventBridgeClient({ endpoint: options.endpoint });
  const sqs = new SQSClient({ endpoint: options.endpoint });
  await eventBridge.send(new CreateEventBusCommand({ Name: options.busName }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  await eventBridge.send(
    new PutRuleCommand({
      Name: name,
      EventBusName: options.busName,
      EventPattern: JSON.stringify(options.pattern),
    }),
  );
  await eventBridge.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: options.busName,
      Targets: [{ Id: 'queue', Arn: Attributes?.QueueArn }],
    }),
  );
  return async () => {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    return (Messages ?? []).map((message) => JSON.parse(message.Body ?? 'null'));
  };
};
