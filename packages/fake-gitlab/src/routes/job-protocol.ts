import { crc32 } from 'node:zlib';
import { FakeHttpError } from '../errors.ts';
import { header, jsonBody, type RouteRequest, type RouteResult } from '../http.ts';
import { buildJobPayload } from '../job-payload.ts';
import type { JobLifecycle } from '../lifecycle.ts';
import type { FakeJob, FakeRunner } from '../model.ts';
import { idParam, type Route, route } from '../router.ts';
import { type FakeStore, secretEquals } from '../store.ts';

/** Settings of the runner job protocol. */
export interface JobProtocolOptions {
  /** GitLab's `allow_runner_job_acknowledgement` flag: runners that offer two-phase commit must ack. */
  readonly twoPhaseCommit: boolean;
  /** `X-GitLab-Trace-Update-Interval` in seconds. */
  readonly traceUpdateInterval: number;
}

/** Whether `runner` may take `job`: scope fits, and its tags cover the job's (untagged jobs need run_untagged). */
export const runnerCanTake = (store: FakeStore, runner: FakeRunner, job: FakeJob): boolean =>
  job.status === 'pending' &&
  job.runner === null &&
  store.runnerServesProject(runner, job.projectId) &&
  (job.tags.length === 0 ? runner.runUntagged : job.tags.every((tag) => runner.tags.includes(tag)));

const checksumOf = (trace: Buffer): string => `crc32:${crc32(trace).toString(16).padStart(8, '0')}`;

/** The runner <-> GitLab job protocol: `POST /jobs/request`, `PUT /jobs/:id`, `PATCH /jobs/:id/trace`. */
export const jobProtocolRoutes = (
  store: FakeStore,
  lifecycle: JobLifecycle,
  baseUrl: () => string,
  options: JobProtocolOptions,
): Route[] => {
  const jobStatusHeaders = (job: FakeJob) => ({
    'job-status': job.status,
    'x-gitlab-trace-update-interval': String(options.traceUpdateInterval),
  });

  /** The job of `:id` whose job token the request carries (body `token` or `JOB-TOKEN`). */
  const authorisedJob = (request: RouteRequest, bodyToken: unknown): FakeJob => {
    const job = store.jobs.get(idParam(request, 0));
    if (!job) throw new FakeHttpError(404, '404 Not Found');
    const token = typeof bodyToken === 'string' ? bodyToken : header(request, 'job-token');
    if (token === undefined || !secretEquals(job.token, token)) throw new FakeHttpError(403, '403 Forbidden');
    return job;
  };

  const notProcessing = (job: FakeJob) =>
    new FakeHttpError(403, '403 Forbidden - Job is not processing on runner', jobStatusHeaders(job));

  const requestJob = (request: RouteRequest): RouteResult => {
    const body = jsonBody(request);
    const token = typeof body.token === 'string' ? body.token : header(request, 'runner-token');
    const runner = token === undefined ? undefined : store.findRunnerByToken(token);
    if (!runner) throw new FakeHttpError(403, '403 Forbidden');
    runner.contactedAt = new Date();
    const lastUpdate = { 'x-gitlab-last-update': String(Date.now()) };
    const job = runner.paused
      ? undefined
      : [...store.jobs.values()].find((candidate) => runnerCanTake(store, runner, candidate));
    if (!job) return { status: 204, headers: lastUpdate };
    const features = (body.info as { features?: { two_phase_job_commit?: unknown } } | undefined)?.features;
    lifecycle.pick(job, runner, options.twoPhaseCommit && features?.two_phase_job_commit === true);
    return { status: 201, body: buildJobPayload(store, job, baseUrl()), headers: lastUpdate };
  };

  const updateJob = (request: RouteRequest): RouteResult => {
    const body = jsonBody(request);
    const job = authorisedJob(request, body.token);
    const state = body.state;
    const ok = (): RouteResult => ({ status: 200, body: '200', headers: jobStatusHeaders(job) });
    if (state === 'pending' && job.awaitingAcknowledgement) return ok();
    if (state === 'running') {
      if (job.awaitingAcknowledgement) lifecycle.start(job);
      else if (job.status !== 'running' && job.status !== 'canceling') throw notProcessing(job);
      return ok();
    }
    if (state !== 'success' && state !== 'failed') {
      throw new FakeHttpError(400, '400 Bad request - state does not have a valid value');
    }
    if (job.status !== 'running' && job.status !== 'canceling') throw notProcessing(job);
    const output = body.output as { checksum?: unknown; bytesize?: unknown } | undefined;
    const checksum = output?.checksum ?? body.checksum;
    if (
      (checksum !== undefined && checksum !== checksumOf(job.trace)) ||
      (output?.bytesize !== undefined && output.bytesize !== job.trace.length)
    ) {
      return { status: 412, body: '412', headers: jobStatusHeaders(job) };
    }
    const failureReason = typeof body.failure_reason === 'string' ? body.failure_reason : null;
    const exitCode = typeof body.exit_code === 'number' ? body.exit_code : null;
    lifecycle.finish(job, state, failureReason, exitCode);
    return ok();
  };

  const patchTrace = (request: RouteRequest): RouteResult => {
    const job = authorisedJob(request, undefined);
    if (job.status !== 'running' && job.status !== 'canceling') throw notProcessing(job);
    const range = /^(\d+)-(\d+)$/.exec(header(request, 'content-range') ?? '');
    if (!range) throw new FakeHttpError(400, '400 Bad request - Content-Range is missing or invalid');
    const current = { range: `0-${job.trace.length}` };
    if (Number(range[1]) !== job.trace.length) {
      return { status: 416, body: '416', headers: { ...jobStatusHeaders(job), ...current } };
    }
    job.trace = Buffer.concat([job.trace, request.raw]);
    return {
      status: 202,
      body: '202',
      headers: { ...jobStatusHeaders(job), range: `0-${job.trace.length}` },
    };
  };

  return [
    route('POST', '/api/v4/jobs/request', requestJob),
    route('PUT', '/api/v4/jobs/:id', updateJob),
    route('PATCH', '/api/v4/jobs/:id/trace', patchTrace),
  ];
};
