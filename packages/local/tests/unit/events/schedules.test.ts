import { parseTemplate } from '@glr/cfn-template';
import { describe, expect, it, vi } from 'vitest';
import { rateMs, readSchedules, startSchedules } from '../../../src/events/schedules.ts';
import { createTemplateResolver } from '../../../src/template/resolver.ts';

const template = parseTemplate(`
Parameters:
  Minutes: { Type: Number, Default: 5 }
Resources:
  Reaper:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Sweep: { Type: ScheduleV2, Properties: { ScheduleExpression: !Sub 'rate(\${Minutes} minutes)' } }
        Nightly: { Type: Schedule, Properties: { Schedule: x, ScheduleExpression: 'cron(0 3 * * ? *)', Input: '{"deep":true}' } }
        Off: { Type: ScheduleV2, Properties: { ScheduleExpression: 'rate(1 day)', State: DISABLED } }
        Api: { Type: HttpApi, Properties: { Path: /x, Method: GET } }
`);

describe('schedules', () => {
  it('reads the enabled Schedule and ScheduleV2 events with their expressions resolved', () => {
    const resolver = createTemplateResolver(template, {
      stackName: 's',
      region: 'eu-west-1',
      account: '000000000000',
    });
    expect(readSchedules(template, resolver)).toEqual([
      { name: 'Reaper.Sweep', functionLogicalId: 'Reaper', expression: 'rate(5 minutes)', input: {} },
      {
        name: 'Reaper.Nightly',
        functionLogicalId: 'Reaper',
        expression: 'cron(0 3 * * ? *)',
        input: { deep: true },
      },
    ]);
  });

  it('knows rate() expressions, singular and plural, and nothing else', () => {
    expect(rateMs('rate(1 minute)')).toBe(60_000);
    expect(rateMs('rate(2 hours)')).toBe(7_200_000);
    expect(rateMs('cron(0 3 * * ? *)')).toBeUndefined();
  });

  it('invokes the function on each tick, and skips what it cannot run', () => {
    vi.useFakeTimers();
    try {
      const calls: unknown[] = [];
      const warnings: string[] = [];
      const stop = startSchedules(
        [
          { name: 'a', functionLogicalId: 'Reaper', expression: 'rate(1 minute)', input: {} },
          { name: 'b', functionLogicalId: 'Other', expression: 'cron(0 3 * * ? *)', input: {} },
        ],
        async (fn, input) => calls.push([fn, input]),
        { logger: { debug() {}, info() {}, error() {}, warn: (message) => warnings.push(message) } },
      );
      vi.advanceTimersByTime(120_000);
      stop();
      vi.advanceTimersByTime(120_000);
      expect(calls).toEqual([
        ['Reaper', {}],
        ['Reaper', {}],
      ]);
      expect(warnings).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
