import { formatNumber, formatUsd, renderTable } from '../lib/format.ts';
import type { CostReport, CostTotal } from './model.ts';

const totalRow = (label: string, value: CostTotal | null, note = ''): string[] =>
  value === null
    ? [label, 'n/a', 'n/a', note]
    : [label, formatUsd(value.usdPer1000Jobs), formatUsd(value.usdPerMonth), note];

const ratio = (ours: CostTotal | null, alwaysOn: CostTotal): string =>
  ours === null ? '' : `${formatNumber(ours.usdPerMonth / alwaysOn.usdPerMonth, 2)}×`;

/** Renders a cost report as text: inputs, every priced line with its formula, and the totals. */
export const renderCostReport = (report: CostReport): string => {
  const { inputs, totals } = report;
  const header = [
    `Cost model: ${report.region} list prices checked ${report.pricesCheckedOn} (bench/cost/prices.ts)`,
    `Inputs: ${formatNumber(inputs.jobsPerMonth)} jobs/month, ${inputs.jobMinutes} min/job, Lambda runner ${inputs.lambdaMemoryMb} MB, ` +
      `EC2 ${inputs.instanceType} ${inputs.purchase} at ${formatUsd(report.hourlyInstancePrice.usd)}/h, ${inputs.ebsGb} GB gp3, ` +
      `always-on utilisation ${inputs.utilisation}, SSM ${inputs.ssmThroughput} throughput`,
  ];
  const lines = renderTable(
    ['part', 'item', 'per 1,000 jobs', 'formula (for 1,000 jobs)'],
    report.lines.map((line) => [
      line.part,
      line.estimate ? `${line.item} *` : line.item,
      formatUsd(line.usdPer1000Jobs),
      line.formula,
    ]),
  );
  const summary = renderTable(
    ['total', 'per 1,000 jobs', 'per month', 'vs always-on'],
    [
      totalRow('control plane only', totals.controlPlane),
      totalRow('ephemeral Lambda runners', totals.lambdaJobs, ratio(totals.lambdaJobs, totals.alwaysOn)),
      totalRow('ephemeral EC2 runners', totals.ec2Jobs, ratio(totals.ec2Jobs, totals.alwaysOn)),
      totalRow(`always-on fleet (${report.alwaysOnInstances} instances)`, totals.alwaysOn),
    ],
  );
  return [
    ...header,
    '',
    lines,
    '* estimate: a usage figure (bench/cost/usage.ts) or the unit price is not verified',
    '',
    summary,
    ...report.notes.map((note) => `note: ${note}`),
    '',
  ].join('\n');
};
