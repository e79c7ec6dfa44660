import { readFileSync } from 'node:fs';
import { parseTemplate } from '@glr/cfn-template';
import { JOB_EVENT_DETAIL_TYPE, JOB_EVENT_SOURCE, normaliseJobHook } from '@glr/core';
import { RUNNER_STATE_TABLE_DEFINITION } from '@glr/test-support';
import { describe, expect, it } from 'vitest';
import { START_RUNNER_ERROR_NAMES } from '../../src/shared/error-names.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const template = parseTemplate(read('../../template.yaml'));
const asl = JSON.parse(read('../../statemachines/start-runner.asl.json')) as {
  States: Record<
    string,
    {
      Type: string;
      Resource?: string;
      Retry?: { ErrorEquals: string[] }[];
      Catch?: { ErrorEquals: string[] }[];
    }
  >;
};
const resource = (logicalId: string) => {
  const found = template.Resources[logicalId];
  if (!found) throw new Error(`template has no ${logicalId}`);
  return found;
};
/** Reads a nested template value: the template is YAML, so tests walk it untyped. */
const at = (value: unknown, ...keys: (string | number)[]): unknown =>
  keys.reduce<unknown>(
    (current, key) => (current as Record<string | number, unknown> | undefined)?.[key],
    value,
  );
const stateMachine = resource('StartRunnerStateMachine').Properties;

/** EventBridge matching for the pattern features the template uses: exact values, nested objects. */
const matches = (pattern: unknown, event: unknown): boolean =>
  Object.entries(pattern as Record<string, unknown>).every(([key, expected]) => {
    const actual = (event as Record<string, unknown> | undefined)?.[key];
    return Array.isArray(expected) ? expected.includes(actual) : matches(expected, actual);
  });

/** What the webhook puts on the bus for a GitLab payload fixture with `status`. */
const busEvent = (status: string) => {
  const hook = JSON.parse(
    read('../../../packages/core/tests/fixtures/gitlab/job-hook-pending.json'),
  ) as object;
  const detail = normaliseJobHook(
    { ...hook, build_status: status },
    { headers: {}, receivedAt: new Date('2026-03-02T10:15:02.000Z') },
  );
  return { source: JOB_EVENT_SOURCE, 'detail-type': JOB_EVENT_DETAIL_TYPE, detail };
};

/** An IAM policy statement as the template writes it. */
interface Statement {
  readonly Sid?: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

describe('AutoScaler template', () => {
  it('starts StartRunner for the webhook’s pending events and nothing else', () => {
    const pattern = at(stateMachine, 'Events', 'JobPending', 'Properties', 'Pattern');
    expect(matches(pattern, busEvent('pending'))).toBe(true);
    for (const status of ['created', 'running', 'success', 'failed', 'canceled']) {
      expect(matches(pattern, busEvent(status)), status).toBe(false);
    }
  });

  it('delivers pending events with retries and a dead-letter queue', () => {
    const rule = at(stateMachine, 'Events', 'JobPending', 'Properties');
    expect(at(rule, 'RetryPolicy', 'MaximumRetryAttempts')).toBeGreaterThan(0);
    expect(at(rule, 'DeadLetterConfig')).toMatchObject({
      Type: 'SQS',
      QueueLogicalId: 'StartRunnerDeadLetterQueue',
    });
  });

  it('sends every alarm to the optional AlarmTopicArn', () => {
    const alarms = Object.values(template.Resources).filter(
      (entry) => entry.Type === 'AWS::CloudWatch::Alarm',
    );
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      expect(alarm.Properties?.AlarmActions).toEqual({
        'Fn::If': ['HasAlarmTopic', [{ Ref: 'AlarmTopicArn' }], { Ref: 'AWS::NoValue' }],
      });
    }
  });

  it('alarms on every rule dead-letter queue as soon as it holds a message', () => {
    const queues = Object.values(template.Resources).flatMap((candidate) =>
      Object.values((at(candidate, 'Properties', 'Events') ?? {}) as Record<string, unknown>).map((event) =>
        at(event, 'Properties', 'DeadLetterConfig', 'QueueLogicalId'),
      ),
    );
    expect(queues.filter(Boolean)).toHaveLength(3);
    const alarms = Object.values(template.Resources).filter((item) => item.Type === 'AWS::CloudWatch::Alarm');
    for (const queue of queues.filter(Boolean)) {
      const alarm = alarms.find(
        (candidate) =>
          JSON.stringify(at(candidate, 'Properties', 'Dimensions')) ===
          JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }]),
      );
      expect(alarm?.Properties, String(queue)).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('runs StartRunner as an Express workflow that logs errors without execution data, traced', () => {
    expect(at(stateMachine, 'Type')).toBe('EXPRESS');
    expect(at(stateMachine, 'Logging')).toMatchObject({ Level: 'ERROR', IncludeExecutionData: false });
    expect(at(stateMachine, 'Tracing')).toEqual({ Enabled: true });
  });

  it('binds every Task state to a function of the template and of the Makefile', () => {
    const makefile = read('../../Makefile');
    for (const [name, state] of Object.entries(asl.States).filter(([, state]) => state.Type === 'Task')) {
      const substitution = /^\$\{(\w+)Arn\}$/.exec(state.Resource ?? '')?.[1];
      expect(substitution, name).toBeDefined();
      expect(at(stateMachine, 'DefinitionSubstitutions', `${substitution}Arn`), name).toEqual({
        'Fn::GetAtt': [substitution, 'Arn'],
      });
      expect(makefile, name).toContain(`build-${substitution}:`);
    }
  });

  it('matches only error names the code can throw in Retry and Catch', () => {
    const names = Object.values(asl.States).flatMap((state) =>
      [...(state.Retry ?? []), ...(state.Catch ?? [])].flatMap((rule) => rule.ErrorEquals),
    );
    const unknown = names.filter(
      (name) => !name.startsWith('States.') && !START_RUNNER_ERROR_NAMES.includes(name),
    );
    expect(unknown).toEqual([]);
  });

  it('grants no wildcard action, and data access only on the two tables', () => {
    const statements = Object.values(template.Resources).flatMap((candidate) => {
      const policies = (at(candidate, 'Properties', 'Policies') ?? []) as unknown[];
      return policies.flatMap(
        (policy) =>
          (at(policy, 'Statement') ?? at(policy, 'PolicyDocument', 'Statement') ?? []) as Statement[],
      );
    });
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
    const tables = new Set(['MappingTable', 'RunnerStateTable']);
    for (const statement of statements.filter((candidate) =>
      [candidate.Action].flat().some((a) => a.startsWith('dynamodb:')),
    )) {
      // A table, or one of its indexes (`${Table.Arn}/index/<name>`, which a Query on a GSI needs).
      for (const target of [statement.Resource].flat()) {
        const table =
          at(target, 'Fn::GetAtt', 0) ??
          /^\$\{(\w+)\.Arn\}\/index\//.exec(String(at(target, 'Fn::Sub')))?.[1];
        expect(tables.has(String(table))).toBe(true);
      }
    }
  });

  it('lets the start function launch and terminate only managed instances from the runner launch template', () => {
    const statements = at(
      resource('StartRunnerFunction'),
      'Properties',
      'Policies',
      0,
      'Statement',
    ) as Statement[];
    for (const statement of statements.filter((candidate) =>
      [candidate.Action].flat().includes('ec2:RunInstances'),
    )) {
      const onLaunchTemplate = statement.Sid === 'LaunchFromTheRunnerTemplateOnly';
      expect(
        onLaunchTemplate || statement.Condition?.ArnLike?.['ec2:LaunchTemplate'] !== undefined,
        statement.Sid,
      ).toBe(true);
    }
    const managed = statements.find((statement) => statement.Sid === 'LaunchManagedInstancesOnly');
    expect(managed?.Condition?.StringEquals).toEqual({ 'aws:RequestTag/glr:managed': 'true' });
    const terminate = statements.find((statement) =>
      [statement.Action].flat().includes('ec2:TerminateInstances'),
    );
    expect(terminate?.Condition?.StringEquals).toEqual({ 'aws:ResourceTag/glr:managed': 'true' });
    const passRole = statements.find((statement) => [statement.Action].flat().includes('iam:PassRole'));
    expect(passRole).toMatchObject({ Resource: { 'Fn::GetAtt': ['RunnerInstanceRole', 'Arn'] } });
  });

  it('launches runners with IMDSv2 only, an encrypted gp3 root volume, no key pair, terminating on shutdown', () => {
    const data = at(resource('RunnerLaunchTemplate'), 'Properties', 'LaunchTemplateData');
    expect(at(data, 'MetadataOptions')).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 1 });
    expect(at(data, 'BlockDeviceMappings', 0, 'Ebs')).toMatchObject({ VolumeType: 'gp3', Encrypted: true });
    expect(at(data, 'KeyName')).toBeUndefined();
    expect(at(data, 'InstanceInitiatedShutdownBehavior')).toBe('terminate');
  });

  it('declares the runner state table as the adapter tests create it', () => {
    expect(resource('RunnerStateTable').Properties).toMatchObject(RUNNER_STATE_TABLE_DEFINITION);
    expect(at(resource('RunnerStateTable'), 'Properties', 'GlobalSecondaryIndexes')).toEqual(
      RUNNER_STATE_TABLE_DEFINITION.GlobalSecondaryIndexes,
    );
  });

  it('exports the table names and the state machine for the seed and the other flows', () => {
    const exported = Object.values(template.Outputs).map((output) => output.Export?.Name);
    for (const name of ['MappingTableName', 'RunnerStateTableName', 'StartRunnerStateMachineArn']) {
      expect(exported).toContainEqual({ 'Fn::Sub': `\${AWS::StackName}-${name}` });
    }
  });
});
