import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MAPPING_TABLE_DEFINITION, type MotoServer, startMotoServer } from '@glr/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemsOf } from '../support/mapping-tables.ts';
import { runCli, writeMappingsFile } from '../support/run-cli.ts';

// CloudFormation and DynamoDB both from moto: --stack reads the table name from the stack output.
let moto: MotoServer;
let file: string;

const createStack = async (StackName: string, outputs: Record<string, unknown>): Promise<void> => {
  const template = {
    Resources: {
      MappingTable: {
        Type: 'AWS::DynamoDB::Table',
        Properties: MAPPING_TABLE_DEFINITION,
      },
    },
    Outputs: outputs,
  };
  const cloudFormation = new CloudFormationClient({ endpoint: moto.endpoint, region: 'eu-west-1' });
  await cloudFormation.send(new CreateStackCommand({ StackName, TemplateBody: JSON.stringify(template) }));
};

beforeAll(async () => {
  moto = await startMotoServer();
  file = await writeMappingsFile({ mappings: [{ jobName: 'build', tags: ['docker'], type: 'EC2' }] });
});
afterAll(() => moto.stop());

describe('pnpm seed --stack', () => {
  it('seeds the table named by the stack output MappingTableName', async () => {
    await createStack('glr-autoscaler', { MappingTableName: { Value: { Ref: 'MappingTable' } } });
    const run = await runCli(['--file', file, '--stack', 'glr-autoscaler', '--endpoint', moto.endpoint]);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const tableName = /Seeding (\S+) \(eu-west-1\)/.exec(run.stdout)?.[1] ?? '';
    expect(tableName).toContain('MappingTable');
    const dynamo = new DynamoDBClient({ endpoint: moto.endpoint, region: 'eu-west-1' });
    expect(await itemsOf(dynamo, tableName)).toEqual([{ pk: 'job#build', sk: 'tags#docker', type: 'EC2' }]);
  });

  it('says the stack does not exist, in which region, and exits 2', async () => {
    const run = await runCli(['--file', file, '--stack', 'no-such-stack', '--endpoint', moto.endpoint]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^error: CloudFormation DescribeStacks failed: stack no-such-stack not found in region eu-west-1 \(ValidationError\)/,
    );
  });

  it('says which output is missing when the stack is not the AutoScaler stack', async () => {
    await createStack('other-stack', { Something: { Value: 'x' } });
    const run = await runCli(['--file', file, '--stack', 'other-stack', '--endpoint', moto.endpoint]);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: stack other-stack has no output MappingTableName (it has: Something): check the stack name, or give the value directly\n',
    );
  });
});
