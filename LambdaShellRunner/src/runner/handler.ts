import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { parseLambdaRunnerPayload } from '@glr/core';
import { createGitLabClient } from '@glr/gitlab';
import { loggerPortFrom, observedHandler } from '@glr/observability';
import type { Context } from 'aws-lambda';
import { loadRunnerSettings } from '../config.ts';
import { recordRunMetrics } from './metrics.ts';
import { type RunSummary, runRunner } from './run-runner.ts';

const settings = loadRunnerSettings();
const logger = new Logger();
const loggerPort = loggerPortFrom(logger);
const metrics = new Metrics();

/**
 * Runs one GitLab job: validates the AutoScaler's payload (never logged: it holds the runner
 * token), runs gitlab-runner for one job, deletes the runner, and returns the summary.
 */
const runOneJob = async (event: unknown, context: Context): Promise<RunSummary> => {
  const payload = parseLambdaRunnerPayload(event);
  logger.appendKeys({ runnerName: payload.runnerName, jobId: payload.jobId });
  const gitlab = createGitLabClient({
    url: payload.gitlabUrl,
    timeoutMs: settings.gitlabTimeoutMs,
    logger: loggerPort,
  });
  const summary = await runRunner(payload, {
    settings,
    logger: loggerPort,
    gitlab,
    remainingTimeMs: context.getRemainingTimeInMillis(),
  });
  recordRunMetrics(metrics, summary);
  logger.info('Run finished', { summary });
  return summary;
};

/** The Lambda entry point (`index.handler` in the image); keys of one job never reach the next. */
export const handler = observedHandler(runOneJob, { logger, metrics, resetKeys: true });
