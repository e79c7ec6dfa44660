import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { createEventPublisher, createSecretParameters } from '@glr/aws';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { loadWebhookConfig } from '../config.ts';
import { handleWebhook, type WebhookDependencies } from './handle-webhook.ts';
import { powertoolsWebhookMetrics } from './metrics.ts';
import { createWebhookSecretsLoader } from './secrets.ts';

const config = loadWebhookConfig();
const logger = new Logger();
const metrics = new Metrics();
const tracer = new Tracer();

const dependencies: WebhookDependencies = {
  logger: {
    debug: (message, extra) => logger.debug(message, extra ?? {}),
    info: (message, extra) => logger.info(message, extra ?? {}),
    warn: (message, extra) => logger.warn(message, extra ?? {}),
    error: (message, extra) => logger.error(message, extra ?? {}),
  },
  loadSecrets: createWebhookSecretsLoader(
    createSecretParameters({
      path: config.GLR_PARAMETER_PATH,
      maxAgeSeconds: config.GLR_SECRET_MAX_AGE_SECONDS,
    }),
  ),
  publisher: createEventPublisher({ busName: config.GLR_EVENT_BUS_NAME }),
  now: () => new Date(),
  metrics: powertoolsWebhookMetrics(metrics),
};

/** GitLab Job Hook intake: `POST /webhook` on the HTTP API. */
export const handler = middy((event: APIGatewayProxyEventV2) => handleWebhook(event, dependencies))
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger));
