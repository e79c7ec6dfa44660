// `pnpm bench [--quick]`: measures the control plane against baselines run in the same process or
// run, prints a table and writes the same figures to bench/results/. `--quick` runs every part at
// a small size and exits non-zero when a count is wrong (timings are never asserted).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FlagError } from './errors.ts';
import { describeMachine } from './lib/machine.ts';
import { type BenchReport, renderBenchReport } from './lib/report.ts';
import { type PartResult, wrongCounts } from './lib/results.ts';
import { nowMs } from './lib/stats.ts';
import { coldStartPart } from './parts/cold-start.ts';
import { costPart } from './parts/cost.ts';
import { dispatchParts } from './parts/dispatch.ts';
import type { BenchPart } from './parts/part.ts';
import { runSize } from './parts/part.ts';
import { webhookParts } from './parts/webhook.ts';

const PARTS: readonly BenchPart[] = [webhookParts, coldStartPart, dispatchParts, costPart];
const RESULTS_DIR = join(import.meta.dirname, 'results');

const runPart = async (part: BenchPart, quick: boolean): Promise<readonly PartResult[]> => {
  process.stderr.write(`bench: ${part.title}…\n`);
  const started = nowMs();
  try {
    const result = await part.run(runSize(quick));
    return Array.isArray(result) ? result : [result as PartResult];
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return [{ id: part.id, title: part.title, status: 'failed', reason }];
  } finally {
    process.stderr.write(`bench: ${part.title} took ${((nowMs() - started) / 1000).toFixed(1)} s\n`);
  }
};

const main = async (args: readonly string[]): Promise<number> => {
  let quick: boolean;
  try {
    quick =
      parseArgs({ args: [...args], options: { quick: { type: 'boolean' } }, strict: true }).values.quick ??
      false;
  } catch (error) {
    throw new FlagError('flags', `${(error as Error).message}; the only flag is --quick`, { cause: error });
  }
  const parts: PartResult[] = [];
  for (const part of PARTS) parts.push(...(await runPart(part, quick)));
  const report: BenchReport = { date: new Date().toISOString(), quick, machine: describeMachine(), parts };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, quick ? 'quick.json' : 'latest.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(renderBenchReport(report));
  process.stdout.write(`figures written to ${file}\n`);
  const wrong = parts.flatMap(wrongCounts);
  const failed = parts.filter((part) => part.status === 'failed');
  for (const count of wrong)
    process.stderr.write(`bench: WRONG COUNT ${count.name}: ${count.actual}, must be ${count.expected}\n`);
  return wrong.length > 0 || failed.length > 0 ? 1 : 0;
};

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
