import { parseTemplate } from '@glr/cfn-template';
import { describe, expect, it } from 'vitest';
import { TemplateReadError } from '../../../src/errors.ts';
import { readEventRules } from '../../../src/events/rules.ts';
import { fixtureTemplate } from '../../fixtures/stack.ts';

const jobEvent = (status: string) => ({
  source: 'gitlab-ephemeral-runners.webhook',
  'detail-type': 'GitLab Job Status Changed',
  detail: { status, jobId: 1 },
});

const ruleTemplate = (properties: string) =>
  parseTemplate(`
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties: {}
  Rule:
    Type: AWS::Events::Rule
    Properties:
${properties}
`);

describe('readEventRules', () => {
  it('reads SAM EventBridgeRule events and AWS::Events::Rule resources, skipping schedules', () => {
    const rules = readEventRules(fixtureTemplate());
    expect(rules.map((rule) => rule.name).sort()).toEqual(['FinishedRule', 'StartStateMachine.Pending']);
  });

  it('targets the state machine of a SAM event, with its InputPath', () => {
    const rule = readEventRules(fixtureTemplate()).find((candidate) => candidate.name.endsWith('.Pending'));
    expect(rule?.targets).toEqual([{ logicalId: 'StartStateMachine', inputPath: '$.detail' }]);
    expect(rule?.matches(jobEvent('pending'))).toBe(true);
    expect(rule?.matches(jobEvent('running'))).toBe(false);
  });

  it('resolves a rule target written as !Ref to its logical id', () => {
    const rule = readEventRules(fixtureTemplate()).find((candidate) => candidate.name === 'FinishedRule');
    expect(rule?.targets).toEqual([{ logicalId: 'StopStateMachine' }]);
    expect(
      ['success', 'failed', 'canceled', 'running'].map((status) => rule?.matches(jobEvent(status))),
    ).toEqual([true, true, true, false]);
  });

  it('accepts an EventPattern given as a JSON string and a constant Input', () => {
    const [rule] = readEventRules(
      ruleTemplate(`      EventPattern: '{"detail":{"runner":[null]}}'
      Targets:
        - Id: t
          Arn: !GetAtt Machine.Arn
          Input: '{"sweep":true}'`),
    );
    expect(rule?.matches({ detail: { runner: null } })).toBe(true);
    expect(rule?.targets).toEqual([{ logicalId: 'Machine', input: { sweep: true } }]);
  });

  it('skips a disabled rule', () => {
    expect(
      readEventRules(
        ruleTemplate(`      State: DISABLED
      EventPattern: { source: [x] }
      Targets: [{ Id: t, Arn: !Ref Machine }]`),
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'an invalid pattern',
      `      EventPattern: { source: x }\n      Targets: [{ Id: t, Arn: !Ref Machine }]`,
      /Rule/,
    ],
    [
      'a target outside the template',
      `      EventPattern: { source: [x] }\n      Targets: [{ Id: t, Arn: arn:aws:sqs:eu-west-1:1:q }]`,
      /Targets\[0\]: Arn/,
    ],
    [
      'an InputTransformer',
      `      EventPattern: { source: [x] }\n      Targets: [{ Id: t, Arn: !Ref Machine, InputTransformer: {} }]`,
      /InputTransformer/,
    ],
    ['no targets', `      EventPattern: { source: [x] }`, /Targets must list/],
  ])('rejects %s, naming the rule', (_case, properties, message) => {
    expect(() => readEventRules(ruleTemplate(properties))).toThrow(TemplateReadError);
    expect(() => readEventRules(ruleTemplate(properties))).toThrow(message);
  });
});
