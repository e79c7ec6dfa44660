import { PARAMETER_NAMES } from '@glr/aws';
import { type ReaperGitLab, RUNNER_NAME_PREFIX } from '@glr/core';
import { type GitLabClient, GitLabNotFoundError, type RunnerScope } from '@glr/gitlab';
import type { RunnerScopeSetting } from '../config.ts';
import type { GitLabAccess } from '../shared/gitlab.ts';

/** Settings of {@link createReaperGitLab}. */
export interface ReaperGitLabOptions extends GitLabAccess {
  readonly scope: RunnerScopeSetting;
}

/**
 * What the reaper asks GitLab, with the access token (`read_api`, `manage_runner`). Without one (a
 * registration-token-only setup) every question answers "cannot tell" and the reaper acts only where
 * GitLab's word is not needed. A runner or project GitLab no longer knows is idle, or has no runners.
 */
export const createReaperGitLab = (options: ReaperGitLabOptions): ReaperGitLab => {
  const withToken = async <T>(call: (client: GitLabClient, accessToken: string) => Promise<T>) => {
    const accessToken = await options.secrets.find(PARAMETER_NAMES.accessToken);
    return accessToken ? call(await options.gitlab(), accessToken) : undefined;
  };
  const orWhenGone = async <T>(call: Promise<T>, gone: T): Promise<T> => {
    try {
      return await call;
    } catch (error) {
      if (error instanceof GitLabNotFoundError) return gone;
      throw error;
    }
  };
  const scopes = (projectIds: readonly number[]): RunnerScope[] => {
    switch (options.scope.type) {
      case 'instance':
        return [{ type: 'instance' }];
      case 'group':
        return [{ type: 'group', groupId: options.scope.groupId }];
      case 'project':
        return projectIds.map((projectId) => ({ type: 'project', projectId }));
    }
  };

  return {
    hasAccessToken: async () => (await options.secrets.find(PARAMETER_NAMES.accessToken)) !== undefined,
    runnerBusy: (runnerId) =>
      withToken(async (client, accessToken) => {
        const jobs = await orWhenGone(
          client.listRunnerJobs({ accessToken, runnerId, status: 'running' }),
          [],
        );
        return jobs.length > 0;
      }),
    listProductRunners: (projectIds) =>
      withToken(async (client, accessToken) => {
        const lists = await Promise.all(
          scopes(projectIds).map((scope) => orWhenGone(client.listRunners({ accessToken, scope }), [])),
        );
        const byId = new Map(lists.flat().map((runner) => [runner.id, runner]));
        return [...byId.values()].filter((runner) => runner.description.startsWith(RUNNER_NAME_PREFIX));
      }),
    jobStatus: (job) =>
      withToken(async (client, accessToken) => {
        const found = await orWhenGone(
          client.getJob({ accessToken, projectId: job.projectId, jobId: job.jobId }),
          undefined,
        );
        return found?.status;
      }),
    deleteRunner: async (runnerId) => {
      await withToken((client, accessToken) => client.deleteRunnerById({ accessToken, runnerId }));
    },
  };
};
