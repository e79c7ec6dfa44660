import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runSeed, type SeedIo } from '../../src/index.ts';

/** What one in-process run of the seed CLI printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const collector = () => {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
};

/** Runs `pnpm seed <argv>` in process; `answer` is typed on a terminal when `tty` is set. */
export const runCli = async (
  argv: readonly string[],
  options: { tty?: boolean; answer?: string; openTable?: SeedIo['openTable'] } = {},
): Promise<CliRun> => {
  const stdout = collector();
  const stderr = collector();
  const stdin = Object.assign(Readable.from(options.answer === undefined ? [] : [options.answer]), {
    isTTY: options.tty ?? false,
  });
  const code = await runSeed({
    argv,
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
    ...(options.openTable ? { openTable: options.openTable } : {}),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
};

/** Writes a mappings file (a document, or raw text) into a fresh temporary folder; returns its path. */
export const writeMappingsFile = async (content: unknown): Promise<string> => {
  const file = join(await mkdtemp(join(tmpdir(), 'glr-seed-')), 'mappings.json');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};
