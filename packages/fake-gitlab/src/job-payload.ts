import { runnerTimeoutSeconds } from './lifecycle.ts';
import type { FakeJob } from './model.ts';
import type { FakeStore } from './store.ts';

const FAILURE_REASONS = [
  'unknown_failure',
  'script_failure',
  'api_failure',
  'stuck_or_timeout_failure',
  'runner_system_failure',
  'missing_dependency_failure',
  'runner_unsupported',
  'job_execution_timeout',
  'image_pull_failure',
];

const variable = (key: string, value: string, options: { masked?: boolean } = {}) => ({
  key,
  value,
  public: !options.masked,
  file: false,
  masked: options.masked ?? false,
  raw: false,
});

/**
 * The `201` body of `POST /jobs/request` for `job` (reference §4.9): what gitlab-runner v17–v19 needs
 * to run it with the shell executor, with `GIT_STRATEGY=none` (the fake has no repository) and no
 * `run` key.
 */
export const buildJobPayload = (store: FakeStore, job: FakeJob, baseUrl: string) => {
  const project = store.projectOf(job);
  const group = store.groupOf(project);
  const pipeline = store.pipelines.get(job.pipelineId);
  const path = `${group.path}/${project.path}`;
  const ref = pipeline?.ref ?? 'main';
  const sha = pipeline?.sha ?? '0'.repeat(40);
  const timeout = runnerTimeoutSeconds(job);
  const repoUrl = new URL(`${baseUrl}/${path}.git`);
  repoUrl.username = 'gitlab-ci-token';
  repoUrl.password = job.token;
  return {
    id: job.id,
    token: job.token,
    allow_git_fetch: false,
    job_info: {
      name: job.name,
      stage: job.stage,
      pipeline_id: job.pipelineId,
      project_id: project.id,
      project_name: project.name,
      project_full_path: path,
      namespace_id: group.id,
      root_namespace_id: group.id,
      user_id: 7,
      time_in_queue_seconds: job.queuedAt ? (Date.now() - job.queuedAt.getTime()) / 1000 : 0,
      project_jobs_running_on_instance_runners_count: '0',
    },
    git_info: {
      repo_url: repoUrl.toString(),
      repo_object_format: 'sha1',
      ref,
      sha,
      before_sha: '0'.repeat(40),
      ref_type: 'branch',
      refspecs: [`+refs/heads/${ref}:refs/remotes/origin/${ref}`],
      depth: 20,
      protected: false,
    },
    runner_info: { timeout },
    variables: [
      variable('CI_JOB_ID', String(job.id)),
      variable('CI_JOB_NAME', job.name),
      variable('CI_JOB_STAGE', job.stage),
      variable('CI_JOB_TOKEN', job.token, { masked: true }),
      variable('CI_PIPELINE_ID', String(job.pipelineId)),
      variable('CI_PROJECT_ID', String(project.id)),
      variable('CI_PROJECT_PATH', path),
      variable('CI_SERVER_URL', baseUrl),
      variable('CI_COMMIT_SHA', sha),
      variable('CI_COMMIT_REF_NAME', ref),
      variable('CI_RUNNER_ID', String(job.runner?.id ?? '')),
      variable('CI_RUNNER_DESCRIPTION', job.runner?.description ?? ''),
      variable('CI_RUNNER_TAGS', JSON.stringify(job.runner?.tags ?? [])),
      variable('GIT_STRATEGY', 'none'),
    ],
    steps: [
      { name: 'script', script: [...job.script], timeout, when: 'on_success', allow_failure: false },
      ...(job.afterScript.length > 0
        ? [
            {
              name: 'after_script',
              script: [...job.afterScript],
              timeout: 300,
              when: 'always',
              allow_failure: true,
            },
          ]
        : []),
    ],
    image: { name: '' },
    services: [],
    artifacts: [],
    cache: [],
    credentials: [],
    dependencies: [],
    features: {
      trace_sections: true,
      token_mask_prefixes: ['glpat-', 'glcbt-', 'glrt-'],
      failure_reasons: FAILURE_REASONS,
    },
  };
};
