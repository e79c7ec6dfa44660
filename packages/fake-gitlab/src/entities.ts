import type { FakeJob, FakeRunner, JobRunnerRef } from './model.ts';
import type { FakeStore } from './store.ts';

/** A runner as GitLab's runner lists show it (entity `Ci::Runner`). */
export const runnerEntity = (runner: FakeRunner) => ({
  id: runner.id,
  description: runner.description,
  ip_address: null,
  active: !runner.paused,
  paused: runner.paused,
  is_shared: runner.runnerType === 'instance_type',
  runner_type: runner.runnerType,
  name: null,
  online: runner.contactedAt !== null,
  status: runner.contactedAt === null ? 'never_contacted' : 'online',
});

const jobRunnerEntity = (store: FakeStore, ref: JobRunnerRef) => {
  const current = store.runners.get(ref.id);
  return {
    id: ref.id,
    description: ref.description,
    ip_address: null,
    active: current ? !current.paused : false,
    paused: current ? current.paused : true,
    is_shared: ref.runnerType === 'instance_type',
    runner_type: ref.runnerType,
    name: null,
    online: current !== undefined,
    status: current ? 'online' : 'offline',
  };
};

const seconds = (from: Date | null, to: Date | null): number | null =>
  from && to ? (to.getTime() - from.getTime()) / 1000 : null;

/** A job as the Jobs API shows it (entity `Ci::Job`), with its own sorted `tag_list`. */
export const jobEntity = (store: FakeStore, job: FakeJob, baseUrl: string) => {
  const project = store.projectOf(job);
  const pipeline = store.pipelines.get(job.pipelineId);
  const group = store.groupOf(project);
  return {
    id: job.id,
    status: job.status,
    stage: job.stage,
    name: job.name,
    ref: pipeline?.ref ?? 'main',
    tag: false,
    allow_failure: job.allowFailure,
    created_at: job.createdAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    finished_at: job.finishedAt?.toISOString() ?? null,
    duration: seconds(job.startedAt, job.finishedAt ?? new Date()),
    queued_duration: seconds(job.queuedAt, job.startedAt),
    failure_reason: job.failureReason ?? undefined,
    tag_list: [...job.tags].sort(),
    pipeline: { id: job.pipelineId, project_id: job.projectId, ref: pipeline?.ref, sha: pipeline?.sha },
    project: { id: project.id, name: project.name, path_with_namespace: `${group.path}/${project.path}` },
    runner: job.runner ? jobRunnerEntity(store, job.runner) : null,
    web_url: `${baseUrl}/${group.path}/${project.path}/-/jobs/${job.id}`,
  };
};
