import type { FakeGitLab } from '@glr/fake-gitlab';
import type { LocalStack } from '../stack/start-local-stack.ts';

/** What the demo expects of each job of `examples/demo-pipeline.yml`. */
export const DEMO_EXPECTATIONS: Readonly<Record<string, { kind: 'LAMBDA' | 'EC2'; status: string }>> = {
  'docker-build': { kind: 'EC2', status: 'success' },
  'unit-tests': { kind: 'LAMBDA', status: 'success' },
  lint: { kind: 'LAMBDA', status: 'success' },
  smoke: { kind: 'LAMBDA', status: 'success' },
  'long-job': { kind: 'LAMBDA', status: 'canceled' },
};

/** The job the demo cancels once it runs. */
const CANCELED_JOB = 'long-job';

/** One line of the demo's summary. */
export interface DemoRow {
  readonly job: string;
  readonly kind: string;
  readonly picked: string;
  readonly result: string;
  readonly ok: boolean;
}

/** The demo's outcome: a row per job, and whether everything went as expected. */
export interface DemoResult {
  readonly rows: readonly DemoRow[];
  readonly runnersLeft: number;
  readonly ok: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the demo pipeline on the stack's fake GitLab: cancels `long-job` once it runs, waits until
 * every job is finished and every runner deleted (or `timeoutMs`), and checks each job's runner
 * kind and result against {@link DEMO_EXPECTATIONS}.
 */
export const runDemo = async (
  stack: LocalStack,
  gitlab: FakeGitLab,
  pipelineYaml: string,
  timeoutMs = 180_000,
): Promise<DemoResult> => {
  const pipeline = gitlab.createPipeline(pipelineYaml);
  const finished = ['success', 'failed', 'canceled', 'skipped'];
  const deadline = Date.now() + timeoutMs;
  let canceled = false;
  while (Date.now() < deadline) {
    const jobs = pipeline.jobIds.flatMap((id) => gitlab.job(id) ?? []);
    const longJob = jobs.find((job) => job.name === CANCELED_JOB);
    if (!canceled && longJob?.status === 'running') {
      gitlab.cancelJob(longJob.id);
      canceled = true;
    }
    if (jobs.every((job) => finished.includes(job.status)) && gitlab.runners().length === 0) break;
    await sleep(250);
  }
  const state = stack.state();
  const rows = pipeline.jobIds.map((id): DemoRow => {
    const job = gitlab.job(id);
    const seen = state.jobs.find((candidate) => candidate.jobId === id);
    const runner = state.runners.find((candidate) => candidate.name === seen?.runner);
    const expected = job ? DEMO_EXPECTATIONS[job.name] : undefined;
    const picked =
      seen?.pendingAt && seen.runningAt
        ? `${((Date.parse(seen.runningAt) - Date.parse(seen.pendingAt)) / 1000).toFixed(0)}s`
        : '-';
    const kind = runner?.kind ?? '-';
    const result = job?.status ?? 'unknown';
    return {
      job: job?.name ?? String(id),
      kind,
      picked,
      result,
      ok: expected?.kind === kind && expected.status === result,
    };
  });
  const runnersLeft = gitlab.runners().length;
  return { rows, runnersLeft, ok: rows.every((row) => row.ok) && runnersLeft === 0 };
};

/** The summary table of a demo run. */
export const formatDemo = (result: DemoResult): string => {
  const header = ['job', 'runner', 'picked', 'result', ''];
  const lines = result.rows.map((row) => [
    row.job,
    row.kind,
    row.picked,
    row.result,
    row.ok ? 'ok' : 'UNEXPECTED',
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...lines].map((cells) => (cells[column] ?? '').length)),
  );
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    format(header),
    ...lines.map(format),
    '',
    `runners left in GitLab: ${result.runnersLeft}`,
    result.ok
      ? 'demo passed: every job ran on its intended runner kind and every runner was cleaned up'
      : 'demo FAILED',
  ].join('\n');
};
