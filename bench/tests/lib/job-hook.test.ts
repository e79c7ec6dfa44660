import { describe, expect, it } from 'vitest';
import { jobHook, resends } from '../../lib/job-hook.ts';

const JOB = { id: 4711, name: 'docker-build', stage: 'build', pipelineId: 912, projectId: 42 };
const RUNNER = { id: 31, description: 'glr-4711-abc123', tags: ['docker'] };

describe('jobHook', () => {
  it('names no runner while the job is pending, as GitLab does', () => {
    const body = JSON.parse(jobHook(JOB, 'pending', 'secret').body);
    expect(body).toMatchObject({
      object_kind: 'build',
      build_id: 4711,
      build_name: 'docker-build',
      build_status: 'pending',
    });
    expect(body.runner).toBeNull();
    expect(body.build_started_at).toBeNull();
  });

  it('names the runner that took the job once it runs and when it finished', () => {
    for (const status of ['running', 'success'] as const) {
      const delivery = jobHook(JOB, status, 'secret', { runner: RUNNER });
      const body = JSON.parse(delivery.body);
      expect(body.runner).toMatchObject({ id: 31, description: 'glr-4711-abc123', tags: ['docker'] });
      expect(body.build_status).toBe(status);
      expect(body.build_finished_at === null).toBe(status === 'running');
      expect(delivery.headers).toMatchObject({ 'x-gitlab-event': 'Job Hook', 'x-gitlab-token': 'secret' });
    }
  });
});

describe('resends', () => {
  it('repeats the event with its Idempotency-Key and a new webhook UUID each time', () => {
    const copies = resends(jobHook(JOB, 'pending', 'secret', { idempotencyKey: 'key-1' }), 3);
    expect(copies.map((copy) => copy.headers['idempotency-key'])).toEqual(['key-1', 'key-1', 'key-1']);
    expect(new Set(copies.map((copy) => copy.body)).size).toBe(1);
    expect(new Set(copies.map((copy) => copy.headers['x-gitlab-webhook-uuid'])).size).toBe(3);
  });
});
