import { formatNumber, renderTable } from './format.ts';
import type { MachineInfo } from './machine.ts';
import type { PartResult } from './results.ts';
import type { Spread } from './stats.ts';

/** Everything one `pnpm bench` run measured, as written to bench/results/*.json. */
export interface BenchReport {
  readonly date: string;
  readonly quick: boolean;
  readonly machine: MachineInfo;
  readonly parts: readonly PartResult[];
}

const digits = (value: number): number => (value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3);
const show = (value: number): string => formatNumber(value, digits(value));
const showSpread = (value: Spread): string[] => [show(value.median), `${show(value.min)}–${show(value.max)}`];

/** Renders a run as text tables: figures, then counts, then skipped parts. */
export const renderBenchReport = (report: BenchReport): string => {
  const { machine } = report;
  const figureRows = report.parts.flatMap((part) =>
    part.status !== 'measured'
      ? []
      : part.figures.map((figure) => [
          part.title,
          figure.name,
          figure.unit,
          ...showSpread(figure.value),
          figure.baseline ? `${figure.baseline.name}: ${show(figure.baseline.value.median)}` : '',
          figure.baseline ? `${show(figure.baseline.ratio.median)}×` : '',
        ]),
  );
  const countRows = report.parts.flatMap((part) =>
    part.status !== 'measured'
      ? []
      : part.counts.map((count) => [
          part.title,
          count.name,
          formatNumber(count.actual),
          formatNumber(count.expected),
          count.actual === count.expected ? 'ok' : 'WRONG',
        ]),
  );
  const otherLines = report.parts.flatMap((part) => {
    if (part.status !== 'measured') {
      return [`${part.title}: ${part.status === 'skipped' ? 'skipped' : 'FAILED'}: ${part.reason}`];
    }
    return [`${part.title}: ${part.size}`, ...part.notes.map((note) => `  ${note}`)];
  });
  return [
    `pnpm bench${report.quick ? ' --quick' : ''} on ${report.date}: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node.js ${machine.node} (${machine.platform})`,
    '',
    renderTable(
      ['part', 'figure', 'unit', 'median', 'min–max', 'baseline (median)', 'ours/baseline'],
      figureRows,
    ),
    '',
    renderTable(['part', 'count', 'actual', 'expected', ''], countRows),
    '',
    ...otherLines,
    '',
  ].join('\n');
};
