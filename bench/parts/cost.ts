// Part 6: the cost model at its defaults (`pnpm cost` explains every line and takes flags).
import { computeCost } from '../cost/model.ts';
import { DEFAULT_INPUTS } from '../cost/options.ts';
import type { Figure } from '../lib/results.ts';
import type { Spread } from '../lib/stats.ts';
import type { BenchPart } from './part.ts';

const exact = (value: number): Spread => ({ median: value, min: value, max: value });

/** The cost model's totals per 1,000 jobs, against the always-on fleet. */
export const costPart: BenchPart = {
  id: 'cost',
  title: '6. Cost model',
  run: async () => {
    const report = computeCost(DEFAULT_INPUTS);
    const alwaysOn = report.totals.alwaysOn.usdPer1000Jobs;
    const against = (name: string, usd: number): Figure => ({
      name,
      unit: 'USD/1,000 jobs',
      value: exact(usd),
      baseline: {
        name: `always-on (${report.alwaysOnInstances} instances)`,
        value: exact(alwaysOn),
        ratio: exact(usd / alwaysOn),
      },
    });
    const { inputs, totals } = report;
    return {
      id: 'cost',
      title: '6. Cost model',
      status: 'measured',
      size: `defaults: ${inputs.jobsPerMonth} jobs/month, ${inputs.jobMinutes} min, ${inputs.instanceType} ${inputs.purchase}, utilisation ${inputs.utilisation}`,
      figures: [
        {
          name: 'control plane only',
          unit: 'USD/1,000 jobs',
          value: exact(totals.controlPlane.usdPer1000Jobs),
        },
        ...(totals.lambdaJobs === null
          ? []
          : [against('ephemeral Lambda runners', totals.lambdaJobs.usdPer1000Jobs)]),
        against('ephemeral EC2 runners', totals.ec2Jobs.usdPer1000Jobs),
      ],
      counts: [],
      notes: [
        `${report.region} list prices checked ${report.pricesCheckedOn}; run pnpm cost for every formula.`,
      ],
    };
  },
};
