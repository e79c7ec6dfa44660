import {
  createRunnerTokenVault,
  type ManagedInstances,
  PARAMETER_NAMES,
  type RunnerTokenVault,
} from '@glr/aws';
import type { LoggerPort, RunnerRegistry, RunnerTeardown } from '@glr/core';
import type { GitLabAccess } from './gitlab.ts';

/** Settings of {@link createRunnerTeardown}. */
export interface RunnerTeardownOptions extends GitLabAccess {
  readonly mode: 'authentication-token' | 'registration-token';
  readonly vault: RunnerTokenVault;
  readonly instances: ManagedInstances;
  readonly logger: LoggerPort;
}

/** The teardown of a function whose settings name the token mode and the parameter path. */
export const runnerTeardownFrom = (
  config: { readonly GLR_TOKEN_MODE: RunnerTeardownOptions['mode']; readonly GLR_PARAMETER_PATH: string },
  dependencies: GitLabAccess & Pick<RunnerTeardownOptions, 'instances' | 'logger'>,
): RunnerTeardown =>
  createRunnerTeardown({
    ...dependencies,
    mode: config.GLR_TOKEN_MODE,
    vault: createRunnerTokenVault({ parameterPath: config.GLR_PARAMETER_PATH }),
  });

/**
 * Takes runners apart on GitLab, EC2 and SSM. GitLab: authentication-token mode deletes by id with
 * the access token; registration-token mode deletes with the runner's token kept by the start flow
 * (see {@link keepRunnerTokens}) and then forgets it, falling back to the access token, when one is
 * set, for a runner whose token is not kept. A runner GitLab no longer knows counts as deleted.
 */
export const createRunnerTeardown = (options: RunnerTeardownOptions): RunnerTeardown => ({
  deleteFromGitLab: async (record) => {
    if (options.mode === 'registration-token') {
      const token = await options.vault.read(record.runnerName);
      if (token) {
        await (await options.gitlab()).deleteRunnerByToken({ runnerToken: token });
        await options.vault.forget(record.runnerName);
        return;
      }
    }
    if (record.gitlabRunnerId === undefined) return;
    const accessToken =
      options.mode === 'authentication-token'
        ? await options.secrets.get(PARAMETER_NAMES.accessToken)
        : await options.secrets.find(PARAMETER_NAMES.accessToken);
    if (!accessToken) {
      options.logger.warn('Runner token not kept and no access token set: GitLab runner left in place', {
        runnerName: record.runnerName,
        gitlabRunnerId: record.gitlabRunnerId,
      });
      return;
    }
    await (await options.gitlab()).deleteRunnerById({ accessToken, runnerId: record.gitlabRunnerId });
  },
  terminateInstance: (instanceId) => options.instances.terminate(instanceId),
  deleteInstanceToken: (instanceId) => options.vault.deleteInstanceToken(instanceId),
});

/**
 * Registration-token mode: keeps each new runner's token in the vault so the stop flow can delete the
 * runner later (`DELETE /runners` needs the token; there may be no access token). A runner whose token
 * cannot be kept is deleted again at once; a runner the start flow deletes itself is forgotten.
 */
export const keepRunnerTokens = (registry: RunnerRegistry, vault: RunnerTokenVault): RunnerRegistry => {
  const names = new Map<number, string>();
  return {
    create: async (input) => {
      const runner = await registry.create(input);
      try {
        await vault.keep(input.runnerName, runner.token);
      } catch (error) {
        await registry.delete(runner);
        throw error;
      }
      names.set(runner.id, input.runnerName);
      return runner;
    },
    delete: async (runner) => {
      await registry.delete(runner);
      const name = names.get(runner.id);
      if (name) await vault.forget(name);
      names.delete(runner.id);
    },
  };
};
