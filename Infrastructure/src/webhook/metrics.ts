import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { JobStatus } from '@glr/core';
import type { FailureReason } from './respond.ts';

/** The webhook's counters. */
export interface WebhookMetrics {
  /** A Job Hook was put on the bus (`WebhookReceived`, dimension `Status`). */
  received(status: JobStatus): void;
  /** An authenticated request was not a Job Hook (`WebhookIgnored`). */
  ignored(): void;
  /** A request was refused or failed (`WebhookRejected`, dimension `Reason`). */
  rejected(reason: FailureReason): void;
  /** PutEvents failed (`EventPutFailed`): alarm on this one. */
  putFailed(): void;
}

/** {@link WebhookMetrics} as CloudWatch EMF metrics through Powertools. */
export const powertoolsWebhookMetrics = (metrics: Metrics): WebhookMetrics => {
  const countWith = (name: string, dimension: string, value: string) => {
    const single = metrics.singleMetric();
    single.addDimension(dimension, value);
    single.addMetric(name, MetricUnit.Count, 1);
  };
  return {
    received: (status) => countWith('WebhookReceived', 'Status', status),
    ignored: () => metrics.addMetric('WebhookIgnored', MetricUnit.Count, 1),
    rejected: (reason) => countWith('WebhookRejected', 'Reason', reason),
    putFailed: () => metrics.addMetric('EventPutFailed', MetricUnit.Count, 1),
  };
};
