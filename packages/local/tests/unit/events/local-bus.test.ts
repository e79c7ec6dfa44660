import { describe, expect, it } from 'vitest';
import { type BusEvent, LocalEventBus } from '../../../src/events/local-bus.ts';
import { readEventRules } from '../../../src/events/rules.ts';
import { fixtureTemplate } from '../../fixtures/stack.ts';

const jobEntry = (status: string, jobId = 7) => ({
  Source: 'gitlab-ephemeral-runners.webhook',
  DetailType: 'GitLab Job Status Changed',
  Detail: JSON.stringify({ jobId, status }),
  EventBusName: 'glr-test-bus',
});

const recordingBus = (deliver?: (target: string) => Promise<unknown>) => {
  const calls: { target: string; input: unknown; event: BusEvent }[] = [];
  const seen: BusEvent[] = [];
  const bus = new LocalEventBus({
    rules: readEventRules(fixtureTemplate()),
    deliver: async (target, input, event) => {
      calls.push({ target, input, event });
      return deliver?.(target);
    },
    onEvent: (event) => seen.push(event),
  });
  return { bus, calls, seen };
};

describe('LocalEventBus', () => {
  it('starts the target of every matching rule with the InputPath of the rule', async () => {
    const { bus, calls } = recordingBus();
    const [result] = bus.putEvents([jobEntry('pending')]);
    await bus.idle();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.target).toBe('StartStateMachine');
    expect(calls[0]?.input).toEqual({ jobId: 7, status: 'pending' });
    expect(result).toEqual({ EventId: calls[0]?.event.id });
  });

  it('delivers the whole EventBridge envelope when the target has no InputPath', async () => {
    const { bus, calls } = recordingBus();
    bus.putEvents([jobEntry('success')]);
    await bus.idle();
    expect(calls[0]?.target).toBe('StopStateMachine');
    expect(calls[0]?.input).toMatchObject({
      version: '0',
      source: 'gitlab-ephemeral-runners.webhook',
      'detail-type': 'GitLab Job Status Changed',
      detail: { jobId: 7, status: 'success' },
      resources: [],
    });
    expect((calls[0]?.input as BusEvent | undefined)?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('accepts an event no rule matches without delivering it', async () => {
    const { bus, calls, seen } = recordingBus();
    const [result] = bus.putEvents([jobEntry('running')]);
    await bus.idle();
    expect(result).toHaveProperty('EventId');
    expect(calls).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(bus.deliveries).toEqual([]);
  });

  it('answers before the target finishes, as EventBridge does', async () => {
    let finish: () => void = () => {};
    const { bus } = recordingBus(() => new Promise<void>((resolve) => (finish = resolve)));
    bus.putEvents([jobEntry('pending')]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(bus.deliveries.map((delivery) => delivery.status)).toEqual(['running']);
    finish();
    await bus.idle();
    expect(bus.deliveries.map((delivery) => delivery.status)).toEqual(['succeeded']);
  });

  it('records a failed delivery by error name', async () => {
    const failure = Object.assign(new Error('no'), { name: 'States.TaskFailed' });
    const { bus } = recordingBus(() => Promise.reject(failure));
    bus.putEvents([jobEntry('pending')]);
    await bus.idle();
    expect(bus.deliveries).toEqual([
      expect.objectContaining({
        rule: 'StartStateMachine.Pending',
        status: 'failed',
        error: 'States.TaskFailed',
      }),
    ]);
  });

  it('rejects an entry without a JSON object Detail, as PutEvents does, and keeps the others', () => {
    const { bus } = recordingBus();
    const results = bus.putEvents([{ ...jobEntry('pending'), Detail: '[1]' }, jobEntry('running')]);
    expect(results[0]).toMatchObject({ ErrorCode: 'InvalidArgument' });
    expect(results[1]).toHaveProperty('EventId');
  });
});
