import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEc2RunnerLauncher, createRunnerTokenParameters } from '@glr/aws';
import { type FakeGitLab, startFakeGitLab } from '@glr/fake-gitlab';
import { type MotoServer, startMotoServer } from '@glr/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ec2ProxyRoute } from '../../../src/aws/ec2-proxy-route.ts';
import { callEc2, xmlValues } from '../../../src/aws/ec2-query.ts';
import { type LocalHttpServer, startLocalHttpServer } from '../../../src/http/http-server.ts';
import { LocalEc2Host } from '../../../src/runners/ec2-host.ts';
import { LOCAL_RUNNER_SHIM } from '../../../src/runners/runner-command.ts';
import { recordingLogger } from '../../fixtures/recording-logger.ts';

const ACCESS_TOKEN = 'glpat-ec2-host-test-access';
const REGION = 'eu-west-1';

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('LocalEc2Host: EC2 runners launched by the real launcher run as local processes', () => {
  let moto: MotoServer;
  let gitlab: FakeGitLab;
  let endpoint: LocalHttpServer;
  let host: LocalEc2Host;
  const logger = recordingLogger();
  let runnerToken = '';

  beforeAll(async () => {
    [moto, gitlab] = await Promise.all([
      startMotoServer(),
      startFakeGitLab({
        accessTokens: [{ token: ACCESS_TOKEN, scopes: ['create_runner', 'manage_runner', 'read_api'] }],
      }),
    ]);
    host = new LocalEc2Host({
      motoEndpoint: moto.endpoint,
      region: REGION,
      parameterPath: '/gitlabrunner/',
      workRoot: mkdtempSync(join(tmpdir(), 'glr-ec2-host-')),
      runnerCommand: LOCAL_RUNNER_SHIM,
      logger,
    });
    endpoint = await startLocalHttpServer({
      routes: [ec2ProxyRoute({ motoEndpoint: moto.endpoint, observer: host })],
    });
    process.env.AWS_ENDPOINT_URL_EC2 = endpoint.url;
    process.env.AWS_ENDPOINT_URL_SSM = moto.endpoint;
    const created = await fetch(`${gitlab.url}/api/v4/user/runners`, {
      method: 'POST',
      headers: { 'private-token': ACCESS_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({
        runner_type: 'project_type',
        project_id: 42,
        description: 'glr-1-ec2',
        tag_list: ['docker'],
      }),
    });
    runnerToken = ((await created.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await host.stop();
    await Promise.all([endpoint.close(), gitlab.close(), moto.stop()]);
    expect(logger.text()).not.toContain(runnerToken);
    expect(logger.text()).not.toContain(ACCESS_TOKEN);
  });

  it('boots a runner for the launched instance, runs the job, and powers the instance off', async () => {
    const template = await callEc2(moto.endpoint, REGION, 'CreateLaunchTemplate', {
      LaunchTemplateName: 'glr-runner',
      'LaunchTemplateData.ImageId': 'ami-12c6146b',
    });
    const [launchTemplateId] = xmlValues(template, 'launchTemplateId');
    const subnetIds = xmlValues(await callEc2(moto.endpoint, REGION, 'DescribeSubnets'), 'subnetId');
    const pipeline = gitlab.createPipeline('build:\n  tags: [docker]\n  script: [echo built on ec2]\n');
    const jobId = pipeline.jobIds[0] ?? 0;
    const launcher = createEc2RunnerLauncher({
      launchTemplateId: String(launchTemplateId),
      subnetIds,
      defaultInstanceTypes: ['m7i.large'],
      spot: true,
      defaultExecutor: 'docker',
      defaultDockerImage: 'alpine:3',
      gitlabUrl: async () => gitlab.url,
      waitTimeoutSeconds: 10,
      tokenParameters: createRunnerTokenParameters({ parameterPath: '/gitlabrunner/' }),
    });
    const { instanceId } = await launcher.launch({
      runnerName: 'glr-1-ec2',
      runnerToken,
      job: { jobId, jobName: 'build', projectId: 42, pendingAt: new Date().toISOString() },
      plan: {
        kind: 'EC2',
        ec2: {},
        tags: ['docker'],
        runUntagged: false,
        maximumTimeout: 3600,
        source: 'mapping',
        tagsFromApi: true,
      },
    });
    expect(host.instances).toEqual([
      expect.objectContaining({
        instanceId,
        runnerName: 'glr-1-ec2',
        instanceType: 'm7i.large',
        market: 'spot',
      }),
    ]);
    await waitFor(() => host.instances[0]?.state === 'terminated', 'the instance to power off');
    expect(gitlab.job(jobId)?.status).toBe('success');
    expect(gitlab.trace(jobId)).toContain('built on ec2');
    expect(host.instances[0]?.endReason).toBe('runner exited with code 0');
    const described = await callEc2(moto.endpoint, REGION, 'DescribeInstances', {
      'InstanceId.1': String(instanceId),
    });
    expect(xmlValues(described, 'name')).toContain('terminated');
  });
});

describe('LocalEc2Host.stop', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('does not wait for an instance still waiting for its token, and starts no runner for it', async () => {
    const host = new LocalEc2Host({
      motoEndpoint: moto.endpoint,
      region: REGION,
      parameterPath: '/gitlabrunner/',
      workRoot: mkdtempSync(join(tmpdir(), 'glr-ec2-host-stop-')),
      runnerCommand: LOCAL_RUNNER_SHIM,
      // Far longer than the test's timeout: stop() must not sit out the token wait.
      tokenWaitMs: 600_000,
    });
    host.launched({
      instanceId: 'i-0000000000000stop',
      tags: { 'glr:runner': 'glr-2-stop00' },
      instanceType: 'm7i.large',
      subnetId: 'subnet-1',
      market: 'on-demand',
      launchTemplateId: 'lt-1',
    });
    await host.stop();
    expect(host.instances[0]?.state).not.toBe('running');
  });
});
