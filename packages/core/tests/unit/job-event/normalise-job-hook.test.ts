import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  JOB_EVENT_VERSION,
  JOB_STATUSES,
  type JobHookDelivery,
  normaliseJobHook,
  ValidationError,
} from '../../../src/index.ts';
import { JOB_HOOK_FIXTURES, readJobHook } from './fixtures.ts';

const receivedAt = new Date('2026-03-02T10:15:02.123Z');
const delivery = (headers: JobHookDelivery['headers'] = {}): JobHookDelivery => ({ headers, receivedAt });

const validationIssues = (payload: unknown) => {
  try {
    normaliseJobHook(payload, delivery());
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
};

describe('normaliseJobHook', () => {
  it('normalises a pending Job Hook into a versioned JobEvent', () => {
    const event = normaliseJobHook(
      readJobHook('job-hook-pending'),
      delivery({
        'idempotency-key': '5b0f4c11-7e0a-4f43-a6de-0f6f2e2d9a80',
        'x-gitlab-webhook-uuid': '8a0e3c77-4c8f-4d2e-9c55-0a7f3b4a1e21',
        'x-gitlab-instance': 'https://gitlab.example.com',
      }),
    );
    expect(event).toEqual({
      version: JOB_EVENT_VERSION,
      jobId: 4711,
      jobName: 'unit-tests',
      stage: 'test',
      status: 'pending',
      projectId: 42,
      projectPath: 'platform/ephemeral-demo',
      pipelineId: 912,
      ref: 'main',
      sha: '7d5f1a9c2e4b8d0f6a3c1e5b7d9f0a2c4e6b8d0f',
      runner: null,
      queuedDurationSeconds: 0.412873,
      retriesCount: 0,
      createdAt: '2026-03-02T10:15:01.000Z',
      startedAt: null,
      finishedAt: null,
      deliveryId: '5b0f4c11-7e0a-4f43-a6de-0f6f2e2d9a80',
      gitlabInstance: 'https://gitlab.example.com',
      receivedAt: '2026-03-02T10:15:02.123Z',
    });
  });

  it('keeps the runner that took the job, with its tags', () => {
    const event = normaliseJobHook(readJobHook('job-hook-running'), delivery());
    expect(event.status).toBe('running');
    expect(event.runner).toEqual({ id: 1301, description: 'glr-4711-k3x9qa', tags: ['lambda', 'linux'] });
    expect(event.startedAt).toBe('2026-03-02T10:15:09.000Z');
  });

  it('reads Ruby-format times when the payload has no *_iso fields (older GitLab)', () => {
    const event = normaliseJobHook(readJobHook('job-hook-success'), delivery());
    expect([event.createdAt, event.startedAt, event.finishedAt]).toEqual([
      '2026-03-02T10:15:01.000Z',
      '2026-03-02T10:15:09.000Z',
      '2026-03-02T10:17:41.000Z',
    ]);
  });

  it('reads the Test button payload with ISO times and milliseconds', () => {
    const event = normaliseJobHook(readJobHook('job-hook-test-button'), delivery());
    expect(event).toMatchObject({
      jobId: 4710,
      status: 'success',
      createdAt: '2026-03-02T10:10:01.886Z',
      finishedAt: '2026-03-02T10:12:37.004Z',
      runner: { id: 1300, description: 'shared-runner-1', tags: [] },
    });
  });

  it.each(JOB_HOOK_FIXTURES)('accepts the %s fixture', (name) => {
    const payload = readJobHook(name);
    const event = normaliseJobHook(payload, delivery());
    expect(event.jobId).toBe(payload.build_id);
    expect(event.status).toBe(payload.build_status);
    expect(event.retriesCount).toBe(payload.retries_count);
  });

  it.each(JOB_STATUSES)('accepts build_status %s', (status) => {
    const payload = { ...readJobHook('job-hook-pending'), build_status: status };
    expect(normaliseJobHook(payload, delivery()).status).toBe(status);
  });

  it('tolerates unknown fields and a runner without description or tags', () => {
    const payload = {
      ...readJobHook('job-hook-running'),
      runner: { id: 9, description: null, runner_type: 'instance_type' },
      some_future_field: { nested: true },
    };
    expect(normaliseJobHook(payload, delivery()).runner).toEqual({ id: 9, description: '', tags: [] });
  });

  it('defaults missing optional fields: retries, queued duration, timestamps', () => {
    const payload = readJobHook('job-hook-pending');
    for (const key of [
      'retries_count',
      'build_queued_duration',
      'build_created_at',
      'build_created_at_iso',
    ]) {
      delete payload[key];
    }
    expect(normaliseJobHook(payload, delivery())).toMatchObject({
      retriesCount: 0,
      queuedDurationSeconds: null,
      createdAt: null,
    });
  });

  it('falls back to X-Gitlab-Webhook-UUID, then to a new UUID, for the delivery id', () => {
    const payload = readJobHook('job-hook-pending');
    const uuid = '8a0e3c77-4c8f-4d2e-9c55-0a7f3b4a1e21';
    expect(normaliseJobHook(payload, delivery({ 'x-gitlab-webhook-uuid': uuid })).deliveryId).toBe(uuid);
    const notUuid = normaliseJobHook(
      payload,
      delivery({ 'idempotency-key': 'glpat-secret', 'x-gitlab-webhook-uuid': uuid }),
    );
    expect(notUuid.deliveryId).toBe(uuid);
    const generated = normaliseJobHook(payload, delivery({ 'idempotency-key': 'x'.repeat(36) }));
    expect(generated.deliveryId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(generated.deliveryId).not.toBe(normaliseJobHook(payload, delivery()).deliveryId);
  });

  it.each([
    ['https://gitlab.example.com/', 'https://gitlab.example.com'],
    ['https://example.com/gitlab/', 'https://example.com/gitlab'],
    ['ftp://gitlab.example.com', null],
    ['not a url', null],
  ])('reads X-Gitlab-Instance %j as %j', (header, expected) => {
    const event = normaliseJobHook(
      readJobHook('job-hook-pending'),
      delivery({ 'x-gitlab-instance': header }),
    );
    expect(event.gitlabInstance).toBe(expected);
  });

  it.each([
    [{ build_id: '4711' }, 'build_id', 'must be the job id, a positive integer'],
    [{ build_id: undefined }, 'build_id', 'must be the job id, a positive integer'],
    [{ build_status: 'exploded' }, 'build_status', 'must be one of created, '],
    [{ object_kind: 'pipeline' }, 'object_kind', "must be 'build' for a Job Hook"],
    [{ build_created_at: '13/01/2021' }, 'build_created_at', "must be a time like '2021-01-13 17:57:05 UTC'"],
    [{ runner: { id: 'x', tags: 'linux' } }, 'runner.id', 'must be the runner id'],
    [{ runner: { id: 1, tags: 'linux' } }, 'runner.tags', 'must be the runner tags'],
    [{ project: undefined }, 'project', 'must be the project object'],
    [{ build_name: '' }, 'build_name', 'must not be empty'],
  ])('rejects %j naming %s', (patch, field, message) => {
    const issues = validationIssues({ ...readJobHook('job-hook-pending'), ...patch });
    expect(issues).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('never echoes a rejected value in the error', () => {
    const secretish = 'glpat-do-not-echo-me';
    try {
      normaliseJobHook(
        { ...readJobHook('job-hook-pending'), build_id: secretish, ref: [secretish] },
        delivery(),
      );
      expect.unreachable();
    } catch (error) {
      expect(JSON.stringify({ message: (error as Error).message, ...(error as object) })).not.toContain(
        secretish,
      );
    }
  });

  it('rejects a payload that is not an object', () => {
    expect(validationIssues([1, 2])).toContainEqual({ field: '(root)', message: expect.any(String) });
  });

  it('either normalises or throws a ValidationError for any mutation of a real payload', () => {
    const keys = fc.oneof(fc.constantFrom(...Object.keys(readJobHook('job-hook-running'))), fc.string());
    const values = fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.object(),
    );
    fc.assert(
      fc.property(fc.constantFrom(...JOB_HOOK_FIXTURES), fc.dictionary(keys, values), (name, patch) => {
        try {
          const event = normaliseJobHook({ ...readJobHook(name), ...patch }, delivery());
          expect(JOB_STATUSES).toContain(event.status);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
        }
      }),
    );
  });
});
