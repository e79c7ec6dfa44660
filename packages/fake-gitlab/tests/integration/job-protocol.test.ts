import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FakeGitLab, type FakeGitLabOptions, startFakeGitLab } from '../../src/index.ts';
import { accessTokens, createRunner } from '../support/api.ts';
import { runnerProtocol } from '../support/runner-protocol.ts';

const PIPELINE = `
stages: [build, test]
compile:
  stage: build
  tags: [lambda, linux]
  script: [echo compile]
  timeout: 1800
untagged:
  stage: build
  script: echo untagged
unit:
  stage: test
  tags: [lambda]
  script: [echo unit]
`;

let fake: FakeGitLab;

const start = async (options: FakeGitLabOptions = {}) => {
  fake = await startFakeGitLab({ accessTokens, ...options });
  return { fake, runner: runnerProtocol(fake.url) };
};

afterEach(async () => {
  await fake.close();
});

const jobNamed = (name: string) => {
  const job = fake.jobs().find((candidate) => candidate.name === name);
  if (!job) throw new Error(`no job ${name}`);
  return job;
};

describe('POST /jobs/request', () => {
  it('answers 204 when no pending job matches the runner', async () => {
    const { runner } = await start();
    const { token } = await createRunner(fake.url, { tag_list: ['docker'], run_untagged: false });
    fake.createPipeline(PIPELINE);

    expect((await runner.requestJob(token)).status).toBe(204);
  });

  it('gives a tagged job to a runner whose tags include all of them, as JSON with runner_info.timeout', async () => {
    const { runner } = await start();
    const { token } = await createRunner(fake.url, {
      tag_list: ['linux', 'lambda', 'extra'],
      run_untagged: false,
      maximum_timeout: 900,
    });
    fake.createPipeline(PIPELINE);

    const answer = await runner.requestJob(token);

    expect(answer.status).toBe(201);
    expect(answer.contentType).toBe('application/json');
    expect(answer.job).toMatchObject({
      id: jobNamed('compile').id,
      job_info: { name: 'compile', stage: 'build', project_id: 42 },
      runner_info: { timeout: 900 },
      steps: [{ name: 'script', script: ['echo compile'] }],
    });
    expect(answer.job?.variables).toContainEqual(
      expect.objectContaining({ key: 'GIT_STRATEGY', value: 'none' }),
    );
    expect(jobNamed('compile')).toMatchObject({
      status: 'running',
      runner: { tags: ['extra', 'lambda', 'linux'] },
    });
  });

  it('gives untagged jobs only to runners with run_untagged', async () => {
    const { runner } = await start();
    const tagged = await createRunner(fake.url, { tag_list: ['other'], run_untagged: false });
    const untagged = await createRunner(fake.url, { tag_list: ['other'], run_untagged: true });
    fake.createPipeline(PIPELINE);

    expect((await runner.requestJob(tagged.token)).status).toBe(204);
    expect((await runner.requestJob(untagged.token)).job?.job_info.name).toBe('untagged');
  });

  it('keeps project runners to their own project', async () => {
    const { runner } = await start({
      projects: [
        { id: 42, name: 'a', path: 'a', groupId: 7 },
        { id: 43, name: 'b', path: 'b', groupId: 7 },
      ],
    });
    const { token } = await createRunner(fake.url, {
      runner_type: 'project_type',
      project_id: 43,
      run_untagged: true,
    });
    fake.createPipeline('only:\n  script: echo', { projectId: 42 });

    expect((await runner.requestJob(token)).status).toBe(204);
  });

  it('refuses an unknown runner token with 403', async () => {
    const { runner } = await start();

    expect((await runner.requestJob('glrt-unknown')).status).toBe(403);
  });

  it('runs the next stage only when the previous stage succeeded', async () => {
    const { runner } = await start();
    const { token } = await createRunner(fake.url, { tag_list: ['lambda', 'linux'], run_untagged: true });
    fake.createPipeline(PIPELINE);
    expect(jobNamed('unit').status).toBe('created');

    for (const name of ['compile', 'untagged']) {
      const { job } = await runner.requestJob(token);
      expect(job?.job_info.name).toBe(name);
      await runner.updateJob(job?.id ?? 0, job?.token ?? '', { state: 'success', exit_code: 0 });
    }

    expect(jobNamed('unit').status).toBe('pending');
  });

  it('skips later stages after a failed job', async () => {
    const { runner } = await start();
    const { token } = await createRunner(fake.url, { tag_list: ['lambda', 'linux'], run_untagged: true });
    fake.createPipeline(PIPELINE);

    const { job } = await runner.requestJob(token);
    await runner.updateJob(job?.id ?? 0, job?.token ?? '', {
      state: 'failed',
      failure_reason: 'script_failure',
    });
    fake.cancelJob(jobNamed('untagged').id);

    expect(jobNamed('compile')).toMatchObject({ status: 'failed', failureReason: 'script_failure' });
    expect(jobNamed('unit').status).toBe('skipped');
  });
});

describe('PUT /jobs/:id', () => {
  it('keeps a job pending until the runner acknowledges it with state=running (two-phase commit)', async () => {
    const { runner } = await start({ twoPhaseCommit: true });
    const { token } = await createRunner(fake.url, { run_untagged: true });
    fake.createPipeline('only:\n  script: echo');

    const { job } = await runner.requestJob(token, { two_phase_job_commit: true });
    const pendingJob = fake.job(job?.id ?? 0);
    expect(pendingJob).toMatchObject({ status: 'pending', awaitingAcknowledgement: true });
    expect((await runner.updateJob(job?.id ?? 0, job?.token ?? '', { state: 'pending' })).status).toBe(200);

    const acknowledged = await runner.updateJob(job?.id ?? 0, job?.token ?? '', { state: 'running' });

    expect(acknowledged).toEqual({ status: 200, jobStatus: 'running' });
    expect(fake.job(job?.id ?? 0)?.status).toBe('running');
  });

  it('accepts the final update with a matching checksum and records the exit code', async () => {
    const { runner } = await start();
    const { token } = await createRunner(fake.url, { run_untagged: true });
    fake.createPipeline('only:\n  script: echo');
    const { job } = await runner.requestJob(token);
    const id = job?.id ?? 0;
    await runner.patchTrace(id, job?.token ?? '', 0, 'hello\n');
    const checksum = `crc32:${crc32('hello\n').toString(16).padStart(8, '0')}`;

    const final = await runner.updateJob(id, job?.token ?? '', {
      state: 'failed',
      failure_reason: 'script_failure',
      exit_code: 3,
      output: { checksum, bytesize: 6 },
    });

    expect(final.status).toBe(200);
    expect(fake.job(id)).toMatchObject({ status: 'failed', exitCode: 3, failureReason: 'script_failure' });
    expect(fake.trace(id)).toBe('hello\n');
  });

  it('answers 412 when the log checksum does not match, so the runner resends the log', async () => {
    const { runner } = await start();
    const { token } = await createRunner(fake.url, { run_untagged: true });
    fake.createPipeline('only:\n  script: echo');
    const { job } = await runner.requestJob(token);

    const final = await runner.updateJob(job?.id ?? 0, job?.token ?? '', {
      state: 'success',
      output: { checksum: 'crc32:deadbeef', bytesize: 0 },
    });

    expect(final.status).toBe(412);
    expect(fake.job(job?.id ?? 0)?.status).toBe('running');
  });

  it('refuses a wrong job token with 403', async () => {
    const { runner } = await start();
    const { token } = await createRunner(fake.url, { run_untagged: true });
    fake.createPipeline('only:\n  script: echo');
    const { job } = await runner.requestJob(token);

    expect((await runner.updateJob(job?.id ?? 0, 'glcbt-wrong', { state: 'success' })).status).toBe(403);
  });
});

describe('PATCH /jobs/:id/trace', () => {
  it('appends ranges that start at the current length and answers 416 with the Range otherwise', async () => {
    const { runner } = await start();
    const { token } = await createRunner(fake.url, { run_untagged: true });
    fake.createPipeline('only:\n  script: echo');
    const { job } = await runner.requestJob(token);
    const id = job?.id ?? 0;

    expect(await runner.patchTrace(id, job?.token ?? '', 0, 'abc')).toEqual({
      status: 202,
      range: '0-3',
      jobStatus: 'running',
    });
    expect((await runner.patchTrace(id, job?.token ?? '', 10, 'zzz')).status).toBe(416);
    expect((await runner.patchTrace(id, job?.token ?? '', 3, 'def')).range).toBe('0-6');
    expect(fake.trace(id)).toBe('abcdef');
  });
});

describe('cancelation and timeouts', () => {
  it('tells the runner of a cancel through Job-Status: canceling and ends the job canceled', async () => {
    const { runner } = await start();
    const { token } = await createRunner(fake.url, { run_untagged: true });
    fake.createPipeline('only:\n  script: echo');
    const { job } = await runner.requestJob(token);
    const id = job?.id ?? 0;

    fake.cancelJob(id);

    expect((await runner.patchTrace(id, job?.token ?? '', 0, 'x')).jobStatus).toBe('canceling');
    await runner.updateJob(id, job?.token ?? '', { state: 'failed', failure_reason: 'script_failure' });
    expect(fake.job(id)?.status).toBe('canceled');
  });

  it('aborts a force-canceled job: the runner gets 403 with Job-Status: canceled', async () => {
    const { runner } = await start();
    const { token } = await createRunner(fake.url, { run_untagged: true });
    fake.createPipeline('only:\n  script: echo');
    const { job } = await runner.requestJob(token);

    fake.cancelJob(job?.id ?? 0, { force: true });

    expect(await runner.patchTrace(job?.id ?? 0, job?.token ?? '', 0, 'x')).toMatchObject({
      status: 403,
      jobStatus: 'canceled',
    });
  });

  it('cancels a pending job at once', async () => {
    await start();
    const [job] = fake.createPipeline('only:\n  script: echo').jobIds;

    fake.cancelJob(job ?? 0);

    expect(fake.job(job ?? 0)?.status).toBe('canceled');
  });

  it('fails a job nobody picks with stuck_or_timeout_failure', async () => {
    await start({ pendingTimeoutSeconds: 5, secondMs: 1 });
    const [id = 0] = fake.createPipeline('only:\n  script: echo').jobIds;

    await vi.waitFor(() => expect(fake.job(id)?.status).toBe('failed'));
    expect(fake.job(id)?.failureReason).toBe('stuck_or_timeout_failure');
  });

  it('fails a job running longer than the runner maximum_timeout with job_execution_timeout', async () => {
    const { runner } = await start({ secondMs: 1 });
    const { token } = await createRunner(fake.url, { run_untagged: true, maximum_timeout: 20 });
    fake.createPipeline('only:\n  script: echo\n  timeout: 3600');
    const { job } = await runner.requestJob(token);
    expect(job?.runner_info.timeout).toBe(20);

    await vi.waitFor(() => expect(fake.job(job?.id ?? 0)?.status).toBe('failed'));
    expect(fake.job(job?.id ?? 0)?.failureReason).toBe('job_execution_timeout');
    expect((await runner.updateJob(job?.id ?? 0, job?.token ?? '', { state: 'success' })).jobStatus).toBe(
      'failed',
    );
  });
});
