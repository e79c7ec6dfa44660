import { describe, expect, it } from 'vitest';
import { loadRunnerSettings } from '../../src/config.ts';

describe('loadRunnerSettings', () => {
  it('has defaults for a Lambda function: gitlab-runner on PATH, /tmp, a short wait', () => {
    const environment = { PATH: '/usr/bin' };
    expect(loadRunnerSettings(environment)).toEqual({
      gitlabRunnerPath: 'gitlab-runner',
      waitTimeoutSeconds: 30,
      deadlineMarginMs: 45_000,
      killGraceMs: 20_000,
      gitlabTimeoutMs: 10_000,
      workRoot: '/tmp',
      inheritedEnvironment: environment,
    });
  });

  it('reads the settings from the environment', () => {
    const settings = loadRunnerSettings({
      GITLAB_RUNNER_PATH: '/opt/gitlab-runner',
      RUNNER_WAIT_TIMEOUT_SECONDS: '10',
      RUNNER_DEADLINE_MARGIN_SECONDS: '60',
      RUNNER_KILL_GRACE_SECONDS: '30',
      WORK_ROOT: '/mnt/work',
    });
    expect(settings).toMatchObject({
      gitlabRunnerPath: '/opt/gitlab-runner',
      waitTimeoutSeconds: 10,
      deadlineMarginMs: 60_000,
      killGraceMs: 30_000,
      workRoot: '/mnt/work',
    });
  });

  it('names each bad setting and what it should be', () => {
    expect(() => loadRunnerSettings({ RUNNER_WAIT_TIMEOUT_SECONDS: '-5', WORK_ROOT: 'tmp' })).toThrow(
      /RUNNER_WAIT_TIMEOUT_SECONDS must be a positive whole number.*WORK_ROOT must be an absolute path/,
    );
  });

  it('rejects a kill grace that does not fit inside the deadline margin', () => {
    expect(() =>
      loadRunnerSettings({ RUNNER_DEADLINE_MARGIN_SECONDS: '10', RUNNER_KILL_GRACE_SECONDS: '10' }),
    ).toThrow(
      expect.objectContaining({
        name: 'ConfigurationError',
        message: expect.stringMatching(/RUNNER_KILL_GRACE_SECONDS/),
      }),
    );
  });
});
