import { randomUUID } from 'node:crypto';
import { type LoggerPort, silentLogger } from '@glr/core';
import { isRecord } from '../json.ts';
import type { EventRule, RuleTarget } from './rules.ts';

/** One entry of a `PutEvents` call, as the EventBridge API names its fields. */
export interface PutEventsEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly EventBusName?: string;
  readonly Resources?: readonly string[];
  readonly Time?: Date | string;
}

/** The result for one entry, as the EventBridge API answers it. */
export type PutEventsResultEntry =
  | { readonly EventId: string }
  | { readonly ErrorCode: string; readonly ErrorMessage: string };

/** An event as EventBridge delivers it to targets. */
export interface BusEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Record<string, unknown>;
}

/** One event delivered to one rule target. */
export interface Delivery {
  readonly eventId: string;
  readonly rule: string;
  readonly target: string;
  status: 'running' | 'succeeded' | 'failed';
  error?: string;
}

/** Starts the target of a rule with the rule's input; resolves when the target has finished. */
export type DeliverToTarget = (targetLogicalId: string, input: unknown, event: BusEvent) => Promise<unknown>;

/** Options of {@link LocalEventBus}. */
export interface LocalEventBusOptions {
  readonly rules: readonly EventRule[];
  readonly deliver: DeliverToTarget;
  readonly account?: string;
  readonly region?: string;
  readonly logger?: LoggerPort;
  /** Called with every accepted event, matched or not (the console view and `/local/state` use it). */
  readonly onEvent?: (event: BusEvent) => void;
}

/** A `$`-rooted dotted JSONPath (`$.detail.jobId`), the subset EventBridge `InputPath` needs here. */
const selectPath = (value: unknown, path: string): unknown => {
  if (path === '$') return value;
  return path
    .replace(/^\$\./, '')
    .split('.')
    .reduce<unknown>((current, key) => (isRecord(current) ? current[key] : undefined), value);
};

const targetInput = (target: RuleTarget, event: BusEvent): unknown => {
  if (target.input !== undefined) return target.input;
  return target.inputPath ? selectPath(event, target.inputPath) : event;
};

const parseDetail = (detail: string | undefined): Record<string, unknown> | undefined => {
  try {
    const parsed: unknown = JSON.parse(detail ?? '');
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};

/**
 * An in-process EventBridge bus: `putEvents` matches every rule and starts each matched target
 * asynchronously, as EventBridge does (the caller gets event ids, not target results). Every
 * delivery is recorded; {@link LocalEventBus.idle} waits for the running ones.
 */
export class LocalEventBus {
  readonly #options: LocalEventBusOptions;
  readonly #deliveries: Delivery[] = [];
  readonly #running = new Set<Promise<void>>();

  public constructor(options: LocalEventBusOptions) {
    this.#options = options;
  }

  /** Every delivery so far, oldest first. */
  public get deliveries(): readonly Delivery[] {
    return this.#deliveries;
  }

  /** Accepts events like `PutEvents`: one result per entry, in order. */
  public putEvents(entries: readonly PutEventsEntry[]): PutEventsResultEntry[] {
    return entries.map((entry) => {
      const detail = parseDetail(entry.Detail);
      if (!entry.Source || !entry.DetailType || !detail) {
        return {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: 'Source, DetailType and a Detail that is a JSON object are required',
        };
      }
      const event: BusEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: this.#options.account ?? '000000000000',
        time: new Date(entry.Time ?? Date.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: this.#options.region ?? 'eu-west-1',
        resources: entry.Resources ?? [],
        detail,
      };
      this.#options.onEvent?.(event);
      this.#dispatch(event);
      return { EventId: event.id };
    });
  }

  /** Resolves when no delivery is running (including deliveries started meanwhile). */
  public async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running);
  }

  #dispatch(event: BusEvent): void {
    const logger = this.#options.logger ?? silentLogger;
    for (const rule of this.#options.rules) {
      if (!rule.matches(event)) continue;
      for (const target of rule.targets) {
        const delivery: Delivery = {
          eventId: event.id,
          rule: rule.name,
          target: target.logicalId,
          status: 'running',
        };
        this.#deliveries.push(delivery);
        logger.debug('event delivered', { eventId: event.id, rule: rule.name, target: target.logicalId });
        const running = Promise.resolve()
          .then(() => this.#options.deliver(target.logicalId, targetInput(target, event), event))
          .then(
            () => {
              delivery.status = 'succeeded';
            },
            (error: unknown) => {
              delivery.status = 'failed';
              delivery.error = error instanceof Error ? error.name : 'Error';
              logger.warn('event target failed', {
                eventId: event.id,
                target: target.logicalId,
                error: delivery.error,
              });
            },
          )
          .finally(() => this.#running.delete(running));
        this.#running.add(running);
      }
    }
  }
}
