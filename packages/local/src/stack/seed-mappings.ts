import { PassThrough } from 'node:stream';
import { runSeed } from '@glr/helper-scripts';
import { LocalStackError } from '../errors.ts';

/** Seeding the local mapping table failed; the message carries the seed's own report. */
export class SeedFailedError extends LocalStackError {
  public constructor(report: string) {
    super(`seeding the local mapping table failed:\n${report}`);
    this.name = 'SeedFailedError';
  }
}

/**
 * Loads a mappings file into the local mapping table with the seed CLI's own core (`pnpm seed`):
 * same validation, same diff, same writes, against dynalite. Returns the seed's report.
 */
export const seedMappings = async (options: {
  readonly file: string;
  readonly table: string;
  readonly endpoint: string;
  readonly region: string;
}): Promise<string> => {
  const output: string[] = [];
  const collect = () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    return stream;
  };
  const stdin = new PassThrough();
  const code = await runSeed({
    argv: [
      '--file',
      options.file,
      '--table',
      options.table,
      '--endpoint',
      options.endpoint,
      '--region',
      options.region,
      '--yes',
    ],
    stdin,
    stdout: collect(),
    stderr: collect(),
  });
  const report = output.join('').trim();
  if (code !== 0) throw new SeedFailedError(report);
  return report;
};
