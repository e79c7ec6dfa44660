import type { ProcessResult } from './supervise.ts';

/**
 * How a run ended: a job ran to its end, the runner got no job before its wait timeout, the
 * deadline stopped it, or gitlab-runner failed (a non-zero exit or a signal it did not get from us).
 */
export type RunOutcome = 'job' | 'idle' | 'deadline' | 'runner-failed';

/** What gitlab-runner's own log lines tell about the run. */
export interface RunnerLogFacts {
  /** It received a job (`Checking for jobs... received`). */
  readonly jobReceived: boolean;
  /** It gave up waiting (`has not received a job in N seconds`). */
  readonly idleExit: boolean;
  /** It loaded its configuration and started polling (`Starting runner for`). */
  readonly started: boolean;
}

/** Reads gitlab-runner's log lines as they stream by and keeps what they say about the run. */
export const createLogWatcher = (): { readonly facts: RunnerLogFacts; observe(line: string): void } => {
  const facts = { jobReceived: false, idleExit: false, started: false };
  return {
    facts,
    observe: (line) => {
      if (line.includes('Starting runner for')) facts.started = true;
      if (/Checking for jobs\.\.\.\s*received/.test(line)) facts.jobReceived = true;
      if (line.includes('has not received a job in')) facts.idleExit = true;
    },
  };
};

/** Classifies a run from how the process ended and what it logged. */
export const classifyRun = (result: ProcessResult, facts: RunnerLogFacts): RunOutcome => {
  if (result.escalation !== 'none') return 'deadline';
  if (result.exitCode !== 0) return 'runner-failed';
  return facts.jobReceived || !facts.idleExit ? 'job' : 'idle';
};
