import type { FakeJob } from './model.ts';
import type { FakeStore } from './store.ts';

/** `2026-03-02 10:15:01 UTC`: how real deliveries serialise times (reference §1.4). */
const gitlabTime = (date: Date | null): string | null =>
  date ? `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC` : null;

/** `2026-03-02T10:15:01Z`: the `*_iso` fields. */
const isoTime = (date: Date | null): string | null => (date ? `${date.toISOString().slice(0, 19)}Z` : null);

const seconds = (from: Date | null, to: Date | null): number | null =>
  from && to ? (to.getTime() - from.getTime()) / 1000 : null;

const USER = {
  id: 7,
  name: 'Jane Dev',
  username: 'jdev',
  avatar_url: null,
  email: '[REDACTED]',
};

/**
 * The Job Hook body GitLab sends for `job` in its current state (reference §1.2, §1.6): `runner` is
 * null until a runner picks the job; the job's own tags are not in it.
 */
export const buildJobHookPayload = (store: FakeStore, job: FakeJob, baseUrl: string) => {
  const project = store.projectOf(job);
  const group = store.groupOf(project);
  const pipeline = store.pipelines.get(job.pipelineId);
  const pathWithNamespace = `${group.path}/${project.path}`;
  const webUrl = `${baseUrl}/${pathWithNamespace}`;
  const host = new URL(baseUrl).host;
  const sha = pipeline?.sha ?? '0'.repeat(40);
  return {
    object_kind: 'build',
    ref: pipeline?.ref ?? 'main',
    tag: false,
    before_sha: '0'.repeat(40),
    sha,
    retries_count: 0,
    build_id: job.id,
    build_name: job.name,
    build_stage: job.stage,
    build_status: job.status,
    build_created_at: gitlabTime(job.createdAt),
    build_started_at: gitlabTime(job.startedAt),
    build_finished_at: gitlabTime(job.finishedAt),
    build_created_at_iso: isoTime(job.createdAt),
    build_started_at_iso: isoTime(job.startedAt),
    build_finished_at_iso: isoTime(job.finishedAt),
    build_duration: seconds(job.startedAt, job.finishedAt),
    build_queued_duration: seconds(job.queuedAt, job.startedAt ?? new Date()),
    build_allow_failure: job.allowFailure,
    build_failure_reason: job.failureReason ?? 'unknown_failure',
    pipeline_id: job.pipelineId,
    runner: job.runner
      ? {
          id: job.runner.id,
          description: job.runner.description,
          runner_type: job.runner.runnerType,
          active: true,
          is_shared: job.runner.runnerType === 'instance_type',
          tags: [...job.runner.tags],
        }
      : null,
    project_id: project.id,
    project_name: `${group.name} / ${project.name}`,
    user: USER,
    commit: {
      id: job.pipelineId,
      name: null,
      sha,
      message: 'Fake commit\n',
      author_name: USER.name,
      author_email: 'jane@example.com',
      author_url: `${baseUrl}/${USER.username}`,
      status: job.status,
      duration: null,
      started_at: null,
      finished_at: null,
      started_at_iso: null,
      finished_at_iso: null,
    },
    repository: {
      name: project.path,
      url: `git@${host}:${pathWithNamespace}.git`,
      description: '',
      homepage: webUrl,
      git_http_url: `${webUrl}.git`,
      git_ssh_url: `git@${host}:${pathWithNamespace}.git`,
      visibility_level: 0,
    },
    project: {
      id: project.id,
      name: project.name,
      description: '',
      web_url: webUrl,
      avatar_url: null,
      git_ssh_url: `git@${host}:${pathWithNamespace}.git`,
      git_http_url: `${webUrl}.git`,
      namespace: group.name,
      visibility_level: 0,
      path_with_namespace: pathWithNamespace,
      default_branch: 'main',
      ci_config_path: '',
    },
    environment: null,
  };
};

/** A Job Hook body as the fake sends it. */
export type JobHookPayload = ReturnType<typeof buildJobHookPayload>;
