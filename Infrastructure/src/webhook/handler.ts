import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { createEventPublisher, createSecretParameters } from '@glr/aws';
import { loggerPortFrom, observedHandler } from '@glr/observability';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { loadWebhookConfig } from '../config.ts';
import { handleWebhook, type WebhookDependencies } from './handle-webhook.ts';
import { powertoolsWebhookMetrics } from './metrics.ts';
import { createWebhookSecretsLoader } from './secrets.ts';

const config = loadWebhookConfig();
const logger = new Logger();
const tracer = new Tracer();

const dependencies: WebhookDependencies = {
  logger: loggerPortFrom(logger),
  loadSecrets: createWebhookSecretsLoader(
    createSecretParameters({
      path: config.GLR_PARAMETER_PATH,
      maxAgeSeconds: config.GLR_SECRET_MAX_AGE_SECONDS,
    }),
  ),
  publisher: createEventPublisher({ busName: config.GLR_EVENT_BUS_NAME }),
  now: () => new Date(),
  // Single metrics only (flushed as they are counted), so no `logMetrics` flush at the end.
  metrics: powertoolsWebhookMetrics(new Metrics()),
};

/** GitLab Job Hook intake: `POST /webhook` on the HTTP API. */
export const handler = observedHandler(
  (event: APIGatewayProxyEventV2) => handleWebhook(event, dependencies),
  { logger, tracer },
);
