import { createSecretParameters, PARAMETER_NAMES, type SecretParameters } from '@glr/aws';
import type { LoggerPort, RegisteredRunner, RunnerPlan, RunnerRegistry } from '@glr/core';
import { createGitLabClient, type GitLabClient } from '@glr/gitlab';
import type { RunnerScopeSetting } from '../config.ts';

/** What a function needs to talk to GitLab: the secrets under the parameter path, and the client. */
export interface GitLabAccess {
  readonly secrets: SecretParameters;
  /** The client for the URL in Parameter Store (`<path>Url`), rebuilt when the URL changes. */
  readonly gitlab: () => Promise<GitLabClient>;
}

/** The {@link GitLabAccess} of a function whose settings name the parameter path and the cache age. */
export const gitLabAccessFrom = (
  config: { readonly GLR_PARAMETER_PATH: string; readonly GLR_SECRETS_MAX_AGE_SECONDS: number },
  logger: LoggerPort,
): GitLabAccess => {
  const secrets = createSecretParameters({
    path: config.GLR_PARAMETER_PATH,
    maxAgeSeconds: config.GLR_SECRETS_MAX_AGE_SECONDS,
  });
  let current: { url: string; client: GitLabClient } | undefined;
  const gitlab = async (): Promise<GitLabClient> => {
    const url = await secrets.get(PARAMETER_NAMES.url);
    if (current?.url !== url) current = { url, client: createGitLabClient({ url, logger }) };
    return current.client;
  };
  return { secrets, gitlab };
};

/** Settings of {@link createGitLabRunnerRegistry}. */
export interface GitLabRunnerRegistryOptions extends GitLabAccess {
  readonly mode: 'authentication-token' | 'registration-token';
  readonly scope: RunnerScopeSetting;
}

/**
 * The lifecycle's runner registry on GitLab. Authentication-token mode creates runners with the
 * access token (`POST /user/runners`, in the configured scope) and deletes them by id;
 * registration-token mode registers them with the legacy token (`POST /runners`) and deletes them
 * with their own token. Runners are locked, named after the runner, tagged as planned, and take
 * untagged jobs only when they have no tags.
 */
export const createGitLabRunnerRegistry = (options: GitLabRunnerRegistryOptions): RunnerRegistry => {
  const settings = (runnerName: string, plan: RunnerPlan) => ({
    description: runnerName,
    tags: plan.tags,
    runUntagged: plan.runUntagged,
    locked: true,
    maximumTimeout: plan.maximumTimeout,
  });
  const accessToken = () => options.secrets.get(PARAMETER_NAMES.accessToken);

  if (options.mode === 'registration-token') {
    return {
      create: async ({ runnerName, plan }) =>
        (await options.gitlab()).registerRunner({
          registrationToken: await options.secrets.get(PARAMETER_NAMES.registrationToken),
          ...settings(runnerName, plan),
        }),
      delete: async ({ token }: RegisteredRunner) => {
        await (await options.gitlab()).deleteRunnerByToken({ runnerToken: token });
      },
    };
  }
  return {
    create: async ({ runnerName, plan, projectId }) =>
      (await options.gitlab()).createRunner({
        accessToken: await accessToken(),
        ...scopeFields(options.scope, projectId),
        ...settings(runnerName, plan),
      }),
    delete: async ({ id }: RegisteredRunner) => {
      await (await options.gitlab()).deleteRunnerById({ accessToken: await accessToken(), runnerId: id });
    },
  };
};

const scopeFields = (scope: RunnerScopeSetting, projectId: number) => {
  switch (scope.type) {
    case 'instance':
      return { runnerType: 'instance_type' } as const;
    case 'group':
      return { runnerType: 'group_type', groupId: scope.groupId } as const;
    case 'project':
      return { runnerType: 'project_type', projectId } as const;
  }
};
