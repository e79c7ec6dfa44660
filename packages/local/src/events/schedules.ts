import type { Template } from '@glr/cfn-template';
import { type LoggerPort, silentLogger } from '@glr/core';
import { isRecord } from '../json.ts';
import type { TemplateResolver } from '../template/resolver.ts';

/** A scheduled invocation of a function (SAM `Schedule` / `ScheduleV2` events). */
export interface Schedule {
  readonly name: string;
  readonly functionLogicalId: string;
  readonly expression: string;
  /** `Input` of the schedule, else `{}`. */
  readonly input: unknown;
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Milliseconds between runs of `rate(N unit)`; undefined for `cron(…)` and `at(…)`, not run locally. */
export const rateMs = (expression: string): number | undefined => {
  const match = /^rate\((\d+)\s+(minute|hour|day)s?\)$/.exec(expression.trim());
  const unit = match?.[2] ? UNIT_MS[match[2]] : undefined;
  return match?.[1] && unit ? Number(match[1]) * unit : undefined;
};

/** Every enabled `Schedule` / `ScheduleV2` event of the template's functions, expressions resolved. */
export const readSchedules = (template: Template, resolver: TemplateResolver): Schedule[] =>
  Object.entries(template.Resources).flatMap(([logicalId, resource]) => {
    const events = resource.Type === 'AWS::Serverless::Function' ? resource.Properties?.Events : undefined;
    if (!isRecord(events)) return [];
    return Object.entries(events).flatMap(([eventName, event]) => {
      if (!isRecord(event) || !['Schedule', 'ScheduleV2'].includes(String(event.Type))) return [];
      const properties = resolver.resolve(event.Properties ?? {}, `${logicalId}.${eventName}`) as Record<
        string,
        unknown
      >;
      if (properties.Enabled === false || properties.State === 'DISABLED') return [];
      const input = typeof properties.Input === 'string' ? JSON.parse(properties.Input) : {};
      return [
        {
          name: `${logicalId}.${eventName}`,
          functionLogicalId: logicalId,
          expression: String(properties.ScheduleExpression),
          input,
        },
      ];
    });
  });

/**
 * Runs each `rate(…)` schedule on a timer (every `everyMs` instead, when given: e.g. a short reaper
 * interval for tests); returns a function that stops them. Failures are logged, never retried.
 */
export const startSchedules = (
  schedules: readonly Schedule[],
  invoke: (functionLogicalId: string, input: unknown) => Promise<unknown>,
  options: { readonly everyMs?: number; readonly logger?: LoggerPort } = {},
): (() => void) => {
  const logger = options.logger ?? silentLogger;
  const timers = schedules.flatMap((schedule) => {
    const interval = options.everyMs ?? rateMs(schedule.expression);
    if (interval === undefined) {
      logger.warn('schedule not run locally: only rate() expressions are', { schedule: schedule.name });
      return [];
    }
    const run = () =>
      invoke(schedule.functionLogicalId, schedule.input).catch((error: unknown) =>
        logger.warn('scheduled invocation failed', { schedule: schedule.name, error: (error as Error).name }),
      );
    return [setInterval(run, interval)];
  });
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
};
