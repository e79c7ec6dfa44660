import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobHookPayload } from './job-hook-payload.ts';

/** Where and how the fake delivers Job Hooks. */
export interface WebhookOptions {
  /** Receiver URL. */
  readonly url: string;
  /** Sent as `X-Gitlab-Token` when set. */
  readonly secretToken?: string;
  /** Extra copies of every delivery: same `Idempotency-Key`, new `X-Gitlab-Webhook-UUID` (default 0). */
  readonly duplicates?: number;
  /** Wait this long before each delivery, in ms (default 0). */
  readonly delayMs?: number;
  /** Keep events until {@link WebhookDispatcher.release} (to reorder them); default false. */
  readonly hold?: boolean;
  /** Per-request timeout, in ms (GitLab's default is 10 s). */
  readonly timeoutMs?: number;
}

/** One Job Hook event: one job transition, with its payload frozen at the transition. */
export interface JobHookEvent {
  /** Stable across resends and duplicates of this event. */
  readonly idempotencyKey: string;
  readonly payload: JobHookPayload;
}

/** One HTTP delivery attempt of an event. */
export interface WebhookDelivery {
  readonly idempotencyKey: string;
  readonly webhookUuid: string;
  readonly buildId: number;
  readonly buildStatus: string;
  /** The receiver's status, or null when the request failed (network, timeout). */
  readonly status: number | null;
}

/** Sends Job Hooks in order, one at a time, with GitLab's headers. */
export class WebhookDispatcher {
  /** Every delivery attempt so far. */
  public readonly deliveries: WebhookDelivery[] = [];
  private options: WebhookOptions | null;
  private readonly heldEvents: JobHookEvent[] = [];
  private chain: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();
  private readonly version: string;
  private readonly instanceUrl: () => string;

  public constructor(version: string, instanceUrl: () => string, options: WebhookOptions | null) {
    this.version = version;
    this.instanceUrl = instanceUrl;
    this.options = options;
  }

  /** Changes the receiver and delivery options (null stops deliveries). */
  public configure(options: WebhookOptions | null): void {
    this.options = options;
  }

  /** Queues the event for `payload`, or holds it when `hold` is set. */
  public enqueue(payload: JobHookPayload): void {
    if (!this.options) return;
    const event = { idempotencyKey: randomUUID(), payload };
    if (this.options.hold) this.heldEvents.push(event);
    else this.send(event);
  }

  /** Events held so far, oldest first. */
  public held(): readonly JobHookEvent[] {
    return [...this.heldEvents];
  }

  /** Delivers the held events, oldest first or in reverse (to simulate out-of-order delivery). */
  public release(order: 'oldest-first' | 'reverse' = 'oldest-first'): void {
    const events = this.heldEvents.splice(0);
    for (const event of order === 'reverse' ? events.reverse() : events) this.send(event);
  }

  /** Sends an event again with the same `Idempotency-Key`, as GitLab's "Resend request" does. */
  public resend(event: JobHookEvent): void {
    this.send(event);
  }

  /** Resolves when every queued delivery has been attempted. */
  public async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.chain;
      await current;
    } while (current !== this.chain);
  }

  /** Abandons pending deliveries. */
  public close(): void {
    this.abort.abort();
  }

  private send(event: JobHookEvent): void {
    const copies = 1 + (this.options?.duplicates ?? 0);
    for (let copy = 0; copy < copies; copy += 1) {
      this.chain = this.chain.then(() => this.deliver(event));
    }
  }

  private async deliver(event: JobHookEvent): Promise<void> {
    const options = this.options;
    if (!options || this.abort.signal.aborted) return;
    if (options.delayMs)
      await sleep(options.delayMs, undefined, { signal: this.abort.signal }).catch(() => {});
    if (this.abort.signal.aborted) return;
    const webhookUuid = randomUUID();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': `GitLab/${this.version}`,
      'x-gitlab-event': 'Job Hook',
      'x-gitlab-instance': this.instanceUrl(),
      'x-gitlab-webhook-uuid': webhookUuid,
      'x-gitlab-event-uuid': randomUUID(),
      'idempotency-key': event.idempotencyKey,
    };
    if (options.secretToken !== undefined) headers['x-gitlab-token'] = options.secretToken;
    let status: number | null = null;
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(event.payload),
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(options.timeoutMs ?? 10_000)]),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      // Recorded as a failed delivery (status null), as GitLab records it; never re-sent by itself.
    }
    this.deliveries.push({
      idempotencyKey: event.idempotencyKey,
      webhookUuid,
      buildId: event.payload.build_id,
      buildStatus: event.payload.build_status,
      status,
    });
  }
}
