import { describe, expect, it } from 'vitest';
import { NotATemplateError, parseTemplate } from '../../src/index.ts';

const template = `
Transform: AWS::Serverless-2016-10-31
Parameters:
  Name: { Type: String, Default: glr }
Resources:
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: !Sub '\${Name}-bus'
      Tags: !If [IsProd, [{ Key: a, Value: b }], !Ref AWS::NoValue]
      Arn: !GetAtt Function.Arn
      Import: !ImportValue { 'Fn::Sub': '\${Name}-BusName' }
Outputs:
  BusName:
    Value: !Ref Bus
    Export: { Name: !Sub '\${AWS::StackName}-BusName' }
`;

describe('parseTemplate', () => {
  it('reads short-form intrinsics as their long form', () => {
    const parsed = parseTemplate(template);
    expect(parsed.Resources.Bus?.Properties).toEqual({
      Name: { 'Fn::Sub': '${Name}-bus' },
      Tags: { 'Fn::If': ['IsProd', [{ Key: 'a', Value: 'b' }], { Ref: 'AWS::NoValue' }] },
      Arn: { 'Fn::GetAtt': ['Function', 'Arn'] },
      Import: { 'Fn::ImportValue': { 'Fn::Sub': '${Name}-BusName' } },
    });
    expect(parsed.Outputs.BusName?.Export?.Name).toEqual({ 'Fn::Sub': '${AWS::StackName}-BusName' });
  });

  it('refuses a document without resources', () => {
    expect(() => parseTemplate('Parameters: {}')).toThrow(/no Resources/);
    expect(() => parseTemplate('Parameters: {}')).toThrow(NotATemplateError);
  });
});
