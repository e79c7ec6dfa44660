// `pnpm cost [flags]`: the AWS cost of the control plane and the runners. See --help.
import { BenchError } from '../errors.ts';
import { computeCost } from './model.ts';
import { parseCostCommand, USAGE } from './options.ts';
import { renderCostReport } from './report.ts';

const main = (args: readonly string[]): number => {
  try {
    const command = parseCostCommand(args);
    if (command.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const report = computeCost(command.inputs);
    process.stdout.write(command.json ? `${JSON.stringify(report, null, 2)}\n` : renderCostReport(report));
    return 0;
  } catch (error) {
    if (!(error instanceof BenchError)) throw error;
    process.stderr.write(`pnpm cost: ${error.message}\n`);
    return 2;
  }
};

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
