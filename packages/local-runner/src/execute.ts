import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How one step's script ended. */
export interface ScriptOutcome {
  /** Bash's exit code; null when it was killed. */
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly aborted: boolean;
}

/** One step to run with bash. */
export interface ScriptRun {
  readonly name: string;
  readonly lines: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** Aborting kills the script (cancel, SIGTERM). */
  readonly signal: AbortSignal;
  readonly onOutput: (chunk: Buffer) => void;
}

const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** The bash script of a step: stop at the first failing line, echo each line as GitLab does (`$ cmd`). */
export const renderScript = (lines: readonly string[]): string =>
  ['set -eo pipefail', ...lines.flatMap((line) => [`printf '%s\\n' ${quote(`$ ${line}`)}`, line]), ''].join(
    '\n',
  );

/** Runs a step's lines with bash in its own process group, streaming output to `onOutput`. */
export const runScript = async (run: ScriptRun): Promise<ScriptOutcome> => {
  const file = join(run.cwd, `.glr-${run.name.replace(/[^\w-]/g, '_')}.sh`);
  await writeFile(file, renderScript(run.lines), { mode: 0o700 });
  const child = spawn('bash', [file], {
    cwd: run.cwd,
    env: run.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', run.onOutput);
  child.stderr.on('data', run.onOutput);
  let timedOut = false;
  const kill = () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The process group does not exist (yet or any more): kill the shell itself.
      child.kill('SIGKILL');
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, run.timeoutMs);
  run.signal.addEventListener('abort', kill, { once: true });
  if (run.signal.aborted) kill();
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  }).finally(() => {
    clearTimeout(timer);
    run.signal.removeEventListener('abort', kill);
  });
  return { exitCode, timedOut, aborted: run.signal.aborted };
};
