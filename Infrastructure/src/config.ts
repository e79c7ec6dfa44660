import { loadEnvironment, parameterPathSetting, positiveIntegerSetting } from '@glr/core';
import { z } from 'zod';

const webhookEnvironment = z.object({
  GLR_EVENT_BUS_NAME: z.string().describe('name of the EventBridge bus the webhook puts job events on'),
  GLR_PARAMETER_PATH: parameterPathSetting()
    .default('/gitlabrunner/')
    .describe('SSM path of the WebhookSecret parameters'),
  GLR_SECRET_MAX_AGE_SECONDS: positiveIntegerSetting(60).describe(
    'seconds the webhook secrets are cached before SSM is read again',
  ),
});

/** Settings of the webhook function. */
export type WebhookConfig = z.output<typeof webhookEnvironment>;

/** Reads the webhook function's settings once; throws a `ConfigurationError` naming each bad one. */
export const loadWebhookConfig = (environment: NodeJS.ProcessEnv = process.env): WebhookConfig =>
  loadEnvironment(webhookEnvironment, environment);
