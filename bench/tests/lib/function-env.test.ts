import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionEnvironment } from '../../lib/function-env.ts';

const stack = (template: string, makefile: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-env-'));
  writeFileSync(join(dir, 'template.yaml'), template);
  writeFileSync(join(dir, 'Makefile'), makefile);
  return dir;
};

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Parameters:
  ParameterPath: { Type: String, Default: /gitlabrunner/ }
Globals:
  Function:
    Environment:
      Variables:
        POWERTOOLS_SERVICE_NAME: glr
        SHARED: from-globals
Resources:
  WebhookFunction:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          GLR_PARAMETER_PATH: !Ref ParameterPath
          GLR_EVENT_BUS_NAME: !Sub '\${AWS::StackName}-bus'
          GLR_TABLE_ARN: !GetAtt Table.Arn
          SHARED: from-function
`;

const MAKEFILE = `build-WebhookFunction:
\tnode $(ROOT)/scripts/bundle.ts $(ROOT)/Infrastructure/src/webhook/handler.ts $(ARTIFACTS_DIR)
`;

describe('functionEnvironment', () => {
  it('resolves the variables of the function the Makefile bundles from src/<name>', () => {
    expect(functionEnvironment(stack(TEMPLATE, MAKEFILE), 'webhook')).toEqual({
      POWERTOOLS_SERVICE_NAME: 'glr',
      SHARED: 'from-function',
      GLR_PARAMETER_PATH: '/gitlabrunner/',
      GLR_EVENT_BUS_NAME: 'bench-bus',
      GLR_TABLE_ARN: 'arn:aws:bench:us-east-1:123456789012:Table-Arn',
    });
  });

  it('is empty for a function the Makefile does not build, or a stack without a template', () => {
    expect(functionEnvironment(stack(TEMPLATE, MAKEFILE), 'other')).toEqual({});
    expect(functionEnvironment(mkdtempSync(join(tmpdir(), 'bench-env-')), 'webhook')).toEqual({});
  });
});
