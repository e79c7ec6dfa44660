import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseTemplate } from '@glr/cfn-template';
import { describe, expect, it } from 'vitest';

const template = parseTemplate(readFileSync(resolve(import.meta.dirname, '../../template.yaml'), 'utf8'));
const resource = (id: string) => {
  const found = template.Resources[id];
  if (!found) throw new Error(`template has no ${id}`);
  return found;
};

describe('LambdaShellRunner template', () => {
  it('builds the function from the Dockerfile in this folder, with Lambda’s 15-minute maximum', () => {
    const fn = resource('RunnerFunction');
    expect(fn.Properties).toMatchObject({ PackageType: 'Image', Timeout: 900 });
    expect(fn.Metadata).toMatchObject({ Dockerfile: 'Dockerfile', DockerContext: '.' });
  });

  it('never retries an asynchronous invocation, which would start a second runner', () => {
    expect(resource('RunnerFunction').Properties?.EventInvokeConfig).toMatchObject({
      MaximumRetryAttempts: 0,
    });
  });

  it('gives the role only its own log writes, plus the policies the operator attaches for jobs', () => {
    const role = resource('RunnerRole').Properties as {
      Policies: { PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] } }[];
    };
    const statements = role.Policies.flatMap((policy) => policy.PolicyDocument.Statement);
    expect(statements.flatMap((statement) => statement.Action).sort()).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    expect(JSON.stringify(statements)).not.toContain('"*"');
  });

  it('exports the function ARN for the AutoScaler', () => {
    expect(template.Outputs.RunnerFunctionArn).toMatchObject({
      Export: { Name: { 'Fn::Sub': '${AWS::StackName}-RunnerFunctionArn' } },
    });
  });
});
