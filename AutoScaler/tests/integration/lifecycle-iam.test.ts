import { readFileSync } from 'node:fs';
import { DescribeImagesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { parseTemplate } from '@glr/cfn-template';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LIFECYCLE_FLOW_ERROR_NAMES } from '../../src/shared/lifecycle-error-names.ts';
import {
  jobEvent,
  type LifecycleHarness,
  recordAwsCalls,
  startLifecycleHarness,
} from '../support/lifecycle-harness.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const template = parseTemplate(read('../../template.yaml'));

/** The function of each handler folder the stop flow, the running flow and the reaper deploy. */
const FUNCTIONS = {
  'record-pickup': 'RecordPickupFunction',
  'clean-up-runner': 'CleanUpRunnerFunction',
  'reap-runners': 'ReapRunnersFunction',
} as const;

interface Statement {
  readonly Action: string | string[];
  readonly Resource: unknown;
}
const statementsOf = (logicalId: string): Statement[] => {
  const policies = (template.Resources[logicalId]?.Properties?.Policies ?? []) as {
    Statement?: Statement[];
  }[];
  return policies.flatMap((policy) => policy.Statement ?? []);
};
const actionsOf = (logicalId: string) =>
  new Set(statementsOf(logicalId).flatMap((statement) => [statement.Action].flat()));

describe('IAM of the stop flow, the running flow and the reaper', () => {
  let harness: LifecycleHarness;
  let calls: Map<string, Set<string>>;
  beforeAll(async () => {
    harness = await startLifecycleHarness();
    calls = recordAwsCalls();
    await harness.mapping.write({ put: [{ jobName: 'iam-ec2', tags: ['ec2'], type: 'EC2' }], delete: [] });
    // Every path of each handler: an EC2 runner's whole life, events before their pending one, a reaper pass.
    const [ec2Job] = harness.gitlab.createPipeline('iam-ec2:\n  tags: [ec2]\n  script: echo ok\n').jobIds;
    harness.gitlab.createPipeline('idle:\n  tags: [idle]\n  script: echo ok\n');
    await harness.deliver();
    const runnerName = (await harness.state.getJobClaim(ec2Job ?? 0))?.runnerName ?? '';
    const job = await harness.takeJob(runnerName);
    await harness.deliver();
    if (job) await harness.finishJob(job, 'success');
    await harness.deliver();
    await harness.runRunning(jobEvent('running', 990_301, { id: 9, description: 'shared-runner' }));
    await harness.runStop(jobEvent('canceled', 990_302, null));
    const images = await harness.ec2.send(new DescribeImagesCommand({}));
    await harness.ec2.send(
      new RunInstancesCommand({
        ImageId: images.Images?.[0]?.ImageId,
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'glr:managed', Value: 'true' }] }],
      }),
    );
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * 3600 * 1000 });
    try {
      await harness.reap();
    } finally {
      vi.useRealTimers();
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await harness.stop();
  });

  for (const [folder, logicalId] of Object.entries(FUNCTIONS)) {
    it(`${logicalId} allows exactly the AWS calls the ${folder} handler makes`, () => {
      expect([...(calls.get(folder) ?? [])].sort()).toEqual([...actionsOf(logicalId)].sort());
    });
  }

  it('allows the ec2:TerminateInstances of every function only on instances tagged glr:managed=true', () => {
    for (const logicalId of Object.values(FUNCTIONS)) {
      for (const statement of statementsOf(logicalId)) {
        if (![statement.Action].flat().includes('ec2:TerminateInstances')) continue;
        expect(statement).toMatchObject({
          Condition: { StringEquals: { 'aws:ResourceTag/glr:managed': 'true' } },
        });
      }
    }
  });
});

describe.each([
  ['StopRunnerStateMachine', 'stop-runner.asl.json'],
  ['JobRunningStateMachine', 'job-running.asl.json'],
])('%s', (logicalId, file) => {
  const properties = template.Resources[logicalId]?.Properties ?? {};
  const states = Object.values(
    (JSON.parse(read(`../../statemachines/${file}`)) as { States: Record<string, Record<string, unknown>> })
      .States,
  );
  const tasks = states.filter((state) => state.Type === 'Task').map((state) => String(state.Resource));

  it('may invoke exactly the functions and start exactly the state machine its Task states name', () => {
    const substitutions = properties.DefinitionSubstitutions as Record<string, unknown>;
    const invoked = (properties.Policies as { LambdaInvokePolicy?: { FunctionName: unknown } }[])
      .flatMap((policy) => (policy.LambdaInvokePolicy ? [policy.LambdaInvokePolicy.FunctionName] : []))
      .map((name) => (name as { Ref: string }).Ref);
    const lambdaTasks = tasks.filter((resource) => resource.startsWith('${'));
    expect(
      lambdaTasks.map(
        (resource) => (substitutions[resource.slice(2, -1)] as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0],
      ),
    ).toEqual(invoked);

    const otherActions = statementsOf(logicalId)
      .flatMap((statement) => [statement.Action].flat())
      .filter((action) => !/^(logs|xray):/.test(action));
    const starts = tasks.filter((resource) => resource === 'arn:aws:states:::states:startExecution');
    expect(otherActions).toEqual(starts.length ? ['states:StartExecution'] : []);
    expect(substitutions.StartRunnerStateMachineArn).toEqual({ Ref: 'StartRunnerStateMachine' });
  });

  it('names only error names that exist in Retry and Catch', () => {
    const named = states.flatMap((state) =>
      [
        ...((state.Retry as { ErrorEquals: string[] }[]) ?? []),
        ...((state.Catch as { ErrorEquals: string[] }[]) ?? []),
      ].flatMap((rule) => rule.ErrorEquals),
    );
    expect(
      named.filter((name) => !name.startsWith('States.') && !LIFECYCLE_FLOW_ERROR_NAMES.includes(name)),
    ).toEqual([]);
  });

  it('is an Express workflow that logs errors without execution data, traced, on a rule with retries and a DLQ', () => {
    expect(properties).toMatchObject({
      Type: 'EXPRESS',
      Logging: { Level: 'ERROR', IncludeExecutionData: false },
      Tracing: { Enabled: true },
    });
    const [rule] = Object.values(
      properties.Events as Record<string, { Properties: Record<string, unknown> }>,
    );
    expect(rule?.Properties).toMatchObject({
      RetryPolicy: expect.any(Object),
      DeadLetterConfig: { Type: 'SQS' },
    });
  });
});
