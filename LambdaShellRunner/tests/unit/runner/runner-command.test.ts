import { describe, expect, it } from 'vitest';
import {
  RUNNER_MARKER_VARIABLE,
  runnerArguments,
  runnerEnvironment,
} from '../../../src/runner/runner-command.ts';

describe('runnerArguments', () => {
  it('runs one job from the config file with a short wait and no token', () => {
    expect(
      runnerArguments({
        configPath: '/tmp/glr-runner/config/config.toml',
        runnerName: 'glr-1-abcdef',
        waitTimeoutSeconds: 30,
      }),
    ).toEqual([
      'run-single',
      '--config',
      '/tmp/glr-runner/config/config.toml',
      '--runner',
      'glr-1-abcdef',
      '--max-builds',
      '1',
      '--wait-timeout',
      '30',
    ]);
  });
});

describe('runnerEnvironment', () => {
  const dirs = { home: '/tmp/glr-runner/home', tmp: '/tmp/glr-runner/tmp' };

  it('keeps the function environment, with its AWS credentials, for the job', () => {
    const env = runnerEnvironment(
      { PATH: '/usr/bin', AWS_REGION: 'eu-west-1', AWS_SESSION_TOKEN: 'x' },
      dirs,
      'glr-1-abcdef',
    );
    expect(env).toMatchObject({ PATH: '/usr/bin', AWS_REGION: 'eu-west-1', AWS_SESSION_TOKEN: 'x' });
  });

  it('withholds runner settings and the Lambda runtime API from the job', () => {
    const env = runnerEnvironment(
      {
        CI_SERVER_TOKEN: 'glrt-leak',
        CI_SERVER_URL: 'https://gitlab.example.com',
        RUNNER_EXECUTOR: 'docker',
        REGISTRATION_TOKEN: 'GR-leak',
        CONFIG_FILE: '/etc/gitlab-runner/config.toml',
        AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
        KEEP: 'yes',
      },
      dirs,
      'glr-1-abcdef',
    );
    expect(Object.keys(env).sort()).toEqual(['HOME', 'KEEP', RUNNER_MARKER_VARIABLE, 'TMPDIR'].sort());
  });

  it('puts HOME and TMPDIR in the work directory and marks the processes with the runner name', () => {
    const env = runnerEnvironment({ HOME: '/root', TMPDIR: '/var/tmp' }, dirs, 'glr-1-abcdef');
    expect(env).toEqual({ HOME: dirs.home, TMPDIR: dirs.tmp, [RUNNER_MARKER_VARIABLE]: 'glr-1-abcdef' });
  });
});
