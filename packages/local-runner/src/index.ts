export { JobProtocolError, LocalRunnerError, RunnerUsageError } from './errors.ts';
export type { JobResult } from './run-job.ts';
export { type RunSingleOptions, type RunSingleSummary, runSingle } from './run-single.ts';
export { gitlabRunnerLogLine, type RunnerEvent, type RunnerLogContext } from './runner-log.ts';
