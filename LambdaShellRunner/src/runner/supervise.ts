import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { RunnerStartError } from '../errors.ts';

/** Which stream a line of output came from. */
export type OutputStream = 'stdout' | 'stderr';

/** How far the deadline escalation went: nothing, SIGTERM, or SIGTERM and then SIGKILL. */
export type Escalation = 'none' | 'terminated' | 'killed';

/** A process to run under a deadline. */
export interface SuperviseOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** When this aborts (the deadline, as `AbortSignal.timeout(ms)`), the process gets SIGTERM. */
  readonly stop: AbortSignal;
  /** Milliseconds after SIGTERM after which it gets SIGKILL. */
  readonly killGraceMs: number;
  /** Called with each line of output, in order per stream. */
  readonly onLine: (stream: OutputStream, line: string) => void;
  /** Called when a signal is sent, before sending it. */
  readonly onSignal?: (signal: 'SIGTERM' | 'SIGKILL') => void;
}

/** How the process ended. */
export interface ProcessResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly escalation: Escalation;
}

/**
 * How long to keep reading output after the process exited, in case something it started still
 * holds its stdout open. Not a deadline for the process itself.
 */
const OUTPUT_DRAIN_MS = 2_000;

/**
 * Runs a process, streams its output line by line, and enforces a deadline: SIGTERM when `stop`
 * aborts, SIGKILL after the grace period. Resolves when the process has exited and its output
 * is read; rejects with {@link RunnerStartError} when it cannot be started.
 */
export const supervise = (options: SuperviseOptions): Promise<ProcessResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(options.command, options.args, {
      env: options.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let escalation: Escalation = 'none';
    let exit: Pick<ProcessResult, 'exitCode' | 'signal'> | undefined;
    const timers: NodeJS.Timeout[] = [];
    const send = (signal: 'SIGTERM' | 'SIGKILL'): void => {
      if (exit) return;
      escalation = signal === 'SIGTERM' ? 'terminated' : 'killed';
      options.onSignal?.(signal);
      child.kill(signal);
    };
    const terminate = (): void => {
      send('SIGTERM');
      timers.push(setTimeout(() => send('SIGKILL'), options.killGraceMs));
    };
    if (options.stop.aborted) terminate();
    else options.stop.addEventListener('abort', terminate, { once: true });
    const stop = (): void => {
      options.stop.removeEventListener('abort', terminate);
      for (const timer of timers) clearTimeout(timer);
    };

    for (const stream of ['stdout', 'stderr'] as const) {
      createInterface({ input: child[stream], crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) =>
        options.onLine(stream, line),
      );
    }
    child.once('error', (error) => {
      stop();
      reject(new RunnerStartError(`Could not start ${options.command}: ${error.message}`, { cause: error }));
    });
    child.once('exit', (exitCode, signal) => {
      exit = { exitCode, signal };
      stop();
      timers.push(
        setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
        }, OUTPUT_DRAIN_MS),
      );
    });
    child.once('close', () => {
      stop();
      if (exit) resolve({ ...exit, escalation });
    });
  });
