import { parseLambdaRunnerPayload } from '@glr/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_RUNNER_ARN,
  pendingEvent,
  type StartRunnerHarness,
  startStartRunnerHarness,
} from '../support/start-runner-harness.ts';

const MAPPED_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:glr-runner-node';

let harness: StartRunnerHarness;
beforeAll(async () => {
  harness = await startStartRunnerHarness();
  await harness.mapping.write({
    put: [{ jobName: 'unit-tests', tags: ['node'], type: 'LAMBDA', arn: MAPPED_ARN }],
    delete: [],
  });
});
afterAll(() => harness.stop());

/** A job the fake GitLab knows (so the Jobs API answers with its tags). */
const createJob = (name: string, tags: readonly string[]): number => {
  const pipeline = harness.gitlab.createPipeline(
    `${name}:\n  tags: [${tags.join(', ')}]\n  script: echo ok\n`,
  );
  const [jobId] = pipeline.jobIds;
  if (jobId === undefined) throw new Error('the fake GitLab created no job');
  return jobId;
};

const invocationsFor = (runnerName: string) =>
  harness.lambda.invocations.filter(
    (call) => parseLambdaRunnerPayload(call.payload).runnerName === runnerName,
  );

describe('StartRunner with Lambda runners', () => {
  it('creates the mapped runner in GitLab and invokes the mapped function once, asynchronously, with its token', async () => {
    const jobId = createJob('unit-tests', ['node']);
    const output = (await harness.run(pendingEvent({ id: jobId, name: 'unit-tests' }))) as Record<
      string,
      unknown
    >;

    expect(output).toMatchObject({ kind: 'LAMBDA', runnerName: expect.stringMatching(`^glr-${jobId}-`) });
    const runner = harness.gitlab.runners().find((candidate) => candidate.description === output.runnerName);
    expect(runner).toMatchObject({ tags: ['node'], runUntagged: false, locked: true, maximumTimeout: 840 });
    const [invocation, ...more] = invocationsFor(String(output.runnerName));
    expect(more).toEqual([]);
    expect(invocation?.functionName).toBe(MAPPED_ARN);
    expect(invocation?.invocationType).toBe('Event');
    expect(parseLambdaRunnerPayload(invocation?.payload)).toEqual({
      runnerName: output.runnerName,
      gitlabUrl: harness.gitlab.url,
      runnerToken: runner?.token,
      tags: ['node'],
      maximumTimeout: 840,
      jobId,
    });
    expect(JSON.stringify(output)).not.toContain(runner?.token);
    expect(await harness.state.getRunner(String(output.runnerName))).toMatchObject({
      status: 'started',
      kind: 'LAMBDA',
      jobId,
      gitlabRunnerId: runner?.id,
      functionArn: MAPPED_ARN,
    });
    expect(await harness.state.getJobClaim(jobId)).toMatchObject({
      status: 'started',
      runnerName: output.runnerName,
    });
  });

  it('gives an unmapped job the default runner with the tags the Jobs API reports', async () => {
    const jobId = createJob('lint', ['linux', 'small']);
    const output = (await harness.run(pendingEvent({ id: jobId, name: 'lint' }))) as Record<string, unknown>;

    const runner = harness.gitlab.runners().find((candidate) => candidate.description === output.runnerName);
    expect(runner).toMatchObject({ tags: ['linux', 'small'], runUntagged: false });
    expect(invocationsFor(String(output.runnerName)).map((call) => call.functionName)).toEqual([
      DEFAULT_RUNNER_ARN,
    ]);
  });

  it('plans without tags, as an untagged default runner, when the Jobs API cannot give them', async () => {
    const output = (await harness.run(pendingEvent({ id: 990_001, name: 'lint' }))) as Record<
      string,
      unknown
    >;

    const runner = harness.gitlab.runners().find((candidate) => candidate.description === output.runnerName);
    expect(runner).toMatchObject({ tags: [], runUntagged: true });
    expect(invocationsFor(String(output.runnerName))).toHaveLength(1);
  });

  it('starts one runner for a job whose pending event arrives twice', async () => {
    const jobId = createJob('unit-tests', ['node']);
    const event = pendingEvent({ id: jobId, name: 'unit-tests' });
    await Promise.all([harness.run(event), harness.run({ ...event, id: 'a-resend' })]);

    const runners = harness.gitlab
      .runners()
      .filter((runner) => runner.description.startsWith(`glr-${jobId}-`));
    expect(runners).toHaveLength(1);
    expect(
      harness.lambda.invocations.filter((call) => parseLambdaRunnerPayload(call.payload).jobId === jobId),
    ).toHaveLength(1);
  });

  it('starts exactly one runner per job for a burst of 200 distinct pending jobs', async () => {
    const jobIds = Array.from({ length: 200 }, (_, index) => 800_000 + index);
    await Promise.all(jobIds.map((id) => harness.run(pendingEvent({ id, name: 'burst' }))));

    const started = harness.lambda.invocations
      .map((call) => parseLambdaRunnerPayload(call.payload).jobId)
      .filter((jobId) => jobId >= 800_000 && jobId < 800_200);
    expect(started.sort((left, right) => left - right)).toEqual(jobIds);
    const runners = harness.gitlab.runners().filter((runner) => /^glr-8\d{5}-/.test(runner.description));
    expect(runners).toHaveLength(200);
  });
});
