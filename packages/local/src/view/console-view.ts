import type { JobView, LocalStateSnapshot, RunnerView } from './local-state.ts';

const ANSI = {
  clear: '\u001b[2J\u001b[H',
  bold: (text: string) => `\u001b[1m${text}\u001b[22m`,
  dim: (text: string) => `\u001b[2m${text}\u001b[22m`,
  green: (text: string) => `\u001b[32m${text}\u001b[39m`,
  red: (text: string) => `\u001b[31m${text}\u001b[39m`,
  yellow: (text: string) => `\u001b[33m${text}\u001b[39m`,
};

const colour = (status: string): string => {
  const trimmed = status.trim();
  if (['success', 'succeeded'].includes(trimmed)) return ANSI.green(status);
  if (['failed', 'canceled'].includes(trimmed)) return ANSI.red(status);
  if (['pending', 'running', 'booting', 'canceling'].includes(trimmed)) return ANSI.yellow(status);
  return status;
};

/** Seconds between two ISO times, `12.3s`, or `-` when either is missing. */
const seconds = (from?: string, to?: string): string =>
  from && to ? `${((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1)}s` : '-';

const pad = (text: string, width: number): string => text.padEnd(width);

const jobLine = (job: JobView): string =>
  [
    pad(String(job.jobId), 7),
    pad(job.jobName.slice(0, 24), 25),
    colour(pad(job.status, 10)),
    pad(job.runner ?? '-', 24),
    pad(seconds(job.pendingAt, job.runningAt), 9),
    seconds(job.runningAt, job.finishedAt),
  ].join(' ');

const runnerLine = (runner: RunnerView): string =>
  [
    pad(runner.name, 24),
    pad(runner.kind, 7),
    colour(pad(runner.status, 11)),
    pad(seconds(runner.startedAt, runner.finishedAt ?? new Date().toISOString()), 8),
    runner.detail ?? '',
  ].join(' ');

/** The console screen for a snapshot (status cells are padded before colouring, so columns line up): jobs (status, runner, time to pick, run time) and runners. */
export const renderState = (snapshot: LocalStateSnapshot, header: readonly string[]): string => {
  const { running, succeeded, failed } = snapshot.executions;
  return [
    ...header,
    '',
    ANSI.bold(`Jobs (${snapshot.jobs.length})`),
    ANSI.dim(
      `${pad('id', 7)} ${pad('name', 25)} ${pad('status', 10)} ${pad('runner', 24)} ${pad('picked', 9)} ran`,
    ),
    ...snapshot.jobs.slice(-20).map(jobLine),
    '',
    ANSI.bold(`Runners (${snapshot.runners.length})`),
    ANSI.dim(`${pad('name', 24)} ${pad('kind', 7)} ${pad('status', 11)} ${pad('age', 8)} detail`),
    ...snapshot.runners.slice(-20).map(runnerLine),
    '',
    ANSI.dim(`state machine executions: ${running} running, ${succeeded} succeeded, ${failed} failed`),
  ].join('\n');
};

/**
 * Redraws the state on a terminal every `intervalMs` with plain ANSI codes. Does nothing (and
 * returns a no-op stop) when the stream is not a TTY, so piped output stays clean.
 */
export const startConsoleView = (
  stream: NodeJS.WriteStream,
  snapshot: () => LocalStateSnapshot,
  header: readonly string[],
  intervalMs = 500,
): (() => void) => {
  if (!stream.isTTY) return () => {};
  const draw = () => stream.write(`${ANSI.clear}${renderState(snapshot(), header)}\n`);
  draw();
  const timer = setInterval(draw, intervalMs);
  return () => clearInterval(timer);
};
