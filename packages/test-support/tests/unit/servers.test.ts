import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynaliteServer, type MotoServer, startDynalite, startMotoServer } from '../../src/index.ts';

describe('startDynalite', () => {
  let server: DynaliteServer;
  beforeAll(async () => {
    server = await startDynalite();
  });
  afterAll(() => server.stop());

  it('serves DynamoDB on a loopback endpoint', async () => {
    const client = new DynamoDBClient({ endpoint: server.endpoint });
    await client.send(
      new CreateTableCommand({
        TableName: 'probe',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    const { TableNames } = await client.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(['probe']);
  });
});

describe('startMotoServer', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('serves AWS APIs on a loopback endpoint and forgets everything on reset', async () => {
    const ssm = new SSMClient({ endpoint: moto.endpoint });
    await ssm.send(new PutParameterCommand({ Name: '/probe/value', Value: 'v', Type: 'String' }));
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/probe/value' }));
    expect(Parameter?.Value).toBe('v');

    await moto.reset();
    await expect(ssm.send(new GetParameterCommand({ Name: '/probe/value' }))).rejects.toThrow(/not found/);
  });
});
