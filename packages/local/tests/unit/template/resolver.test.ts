import { parseTemplate } from '@glr/cfn-template';
import { describe, expect, it } from 'vitest';
import { TemplateReadError } from '../../../src/errors.ts';
import { createTemplateResolver } from '../../../src/template/resolver.ts';

const template = parseTemplate(`
Parameters:
  Prefix: { Type: String, Default: /gitlabrunner/ }
  Mode: { Type: String, Default: token }
Conditions:
  TokenMode: !Equals [!Ref Mode, token]
Resources:
  Table: { Type: AWS::DynamoDB::Table, Properties: {} }
  Named: { Type: AWS::DynamoDB::Table, Properties: { TableName: !Sub '\${AWS::StackName}-named' } }
  Fn: { Type: AWS::Serverless::Function, Properties: {} }
  Machine: { Type: AWS::Serverless::StateMachine, Properties: {} }
  Bus: { Type: AWS::Events::EventBus, Properties: { Name: glr-bus } }
`);
const resolver = createTemplateResolver(template, {
  stackName: 'glr',
  region: 'eu-west-1',
  account: '000000000000',
  parameters: { Mode: 'token' },
  imports: { 'glr-infra-BusName': 'glr-bus' },
});
const resolve = (value: unknown) => resolver.resolve(value, 'Test');

describe('createTemplateResolver', () => {
  it('names resources as CloudFormation would, honouring explicit names', () => {
    expect(resolve({ Ref: 'Table' })).toBe('glr-Table');
    expect(resolve({ Ref: 'Named' })).toBe('glr-named');
    expect(resolve({ Ref: 'Bus' })).toBe('glr-bus');
    expect(resolve({ Ref: 'Fn' })).toBe('glr-Fn');
  });

  it('gives ARNs for GetAtt Arn, and the ARN for Ref of a state machine', () => {
    expect(resolve({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe(
      'arn:aws:lambda:eu-west-1:000000000000:function:glr-Fn',
    );
    expect(resolve({ 'Fn::GetAtt': ['Table', 'Arn'] })).toBe(
      'arn:aws:dynamodb:eu-west-1:000000000000:table/glr-Table',
    );
    expect(resolve({ Ref: 'Machine' })).toBe(
      'arn:aws:states:eu-west-1:000000000000:stateMachine:glr-Machine',
    );
  });

  it('resolves parameters, pseudo parameters, Sub, Join, ImportValue and If', () => {
    expect(resolve({ 'Fn::Sub': '${Prefix}Url in ${AWS::Region} for ${Fn.Arn}' })).toBe(
      '/gitlabrunner/Url in eu-west-1 for arn:aws:lambda:eu-west-1:000000000000:function:glr-Fn',
    );
    expect(resolve({ 'Fn::Sub': ['${A}-${AWS::AccountId}', { A: { Ref: 'Mode' } }] })).toBe(
      'token-000000000000',
    );
    expect(resolve({ 'Fn::Join': ['/', ['a', { Ref: 'Mode' }]] })).toBe('a/token');
    expect(resolve({ 'Fn::ImportValue': 'glr-infra-BusName' })).toBe('glr-bus');
    expect(resolve({ 'Fn::If': ['TokenMode', 'yes', 'no'] })).toBe('yes');
  });

  it('names the place of what it cannot resolve', () => {
    expect(() => resolve({ Ref: 'Missing' })).toThrow(TemplateReadError);
    expect(() => resolve({ Ref: 'Missing' })).toThrow(/^Test: Ref Missing/);
    expect(() => resolve({ 'Fn::ImportValue': 'other' })).toThrow(/ImportValue other has no local value/);
    expect(() => resolve({ 'Fn::GetAZs': '' })).toThrow(/not supported/);
  });
});
