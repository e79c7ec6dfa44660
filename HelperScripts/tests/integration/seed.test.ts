import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DynamoDBDocumentClient,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { createMappingTable } from '@glr/aws';
import { createTestMappingTable, type DynaliteServer, startDynalite } from '@glr/test-support';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { itemsOf } from '../support/mapping-tables.ts';
import { runCli, writeMappingsFile } from '../support/run-cli.ts';

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:glr-runner';
const lambdaEntry = { jobName: 'unit-tests', type: 'LAMBDA', arn: ARN };
const ec2Entry = {
  jobName: 'docker-build',
  tags: ['Docker'],
  type: 'EC2',
  executor: 'docker',
  dockerImage: 'docker:27',
};
/** {@link ec2Entry} as the table stores it: keyed by job name and lower-cased, sorted tags. */
const ec2Item = {
  pk: 'job#docker-build',
  sk: 'tags#docker',
  type: 'EC2',
  executor: 'docker',
  dockerImage: 'docker:27',
};

let dynamo: DynaliteServer;
let client: DynamoDBClient;
let table: string;

beforeAll(async () => {
  dynamo = await startDynalite();
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-west-1' });
});
afterAll(() => dynamo.stop());
afterEach(() => {
  vi.unstubAllEnvs();
});
beforeEach(async () => {
  table = await createTestMappingTable(client);
});

const seed = async (mappings: unknown[], ...flags: string[]) => {
  const file = await writeMappingsFile({ $schema: './mappings.schema.json', mappings });
  return runCli(['--file', file, '--table', table, '--endpoint', dynamo.endpoint, ...flags]);
};

describe('pnpm seed against DynamoDB', () => {
  it('writes every mapping on the first run, keyed and normalised as the lookup reads them', async () => {
    const run = await seed([lambdaEntry, ec2Entry]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Seeding ${table} (eu-west-1) from `);
    expect(run.stdout).toContain('+ added      unit-tests [] LAMBDA');
    expect(run.stdout).toContain('+ added      docker-build [docker] EC2');
    expect(run.stdout).toContain('Done: 2 written, 0 deleted.');
    expect(await itemsOf(client, table)).toEqual([
      ec2Item,
      { pk: 'job#unit-tests', sk: 'tags#', type: 'LAMBDA', arn: ARN },
    ]);
    expect(await createMappingTable({ tableName: table, client }).itemsForJob('docker-build')).toEqual([
      {
        jobName: 'docker-build',
        tags: ['docker'],
        type: 'EC2',
        executor: 'docker',
        dockerImage: 'docker:27',
      },
    ]);
  });

  it('writes nothing when run again with the same file', async () => {
    await seed([lambdaEntry, ec2Entry]);
    const run = await seed([ec2Entry, lambdaEntry]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 added, 0 changed, 2 unchanged');
    expect(run.stdout).toContain('Nothing to do: the table matches the file.');
  });

  it('overwrites a changed mapping and names the attributes that change', async () => {
    await seed([lambdaEntry, ec2Entry]);
    const run = await seed([
      { ...lambdaEntry, maximumTimeout: 700 },
      { ...ec2Entry, dockerImage: undefined },
    ]);

    expect(run.stdout).toContain('~ changed    unit-tests [] LAMBDA (maximumTimeout)');
    expect(run.stdout).toContain('~ changed    docker-build [docker] EC2 (dockerImage)');
    expect(run.stdout).toContain('Done: 2 written, 0 deleted.');
    expect(await itemsOf(client, table)).toEqual([
      { pk: 'job#docker-build', sk: 'tags#docker', type: 'EC2', executor: 'docker' },
      { pk: 'job#unit-tests', sk: 'tags#', type: 'LAMBDA', arn: ARN, maximumTimeout: 700 },
    ]);
  });

  it('keeps items that are not in the file unless --prune is given', async () => {
    await seed([lambdaEntry, ec2Entry]);
    const kept = await seed([lambdaEntry]);
    expect(kept.stdout).toContain('! not in file job#docker-build tags#docker (kept)');
    expect(kept.stdout).toContain('1 not in the file (kept; --prune deletes them)');
    expect(await itemsOf(client, table)).toHaveLength(2);

    const pruned = await seed([lambdaEntry], '--prune');
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain('- removed    job#docker-build tags#docker');
    expect(pruned.stdout).toContain('Done: 0 written, 1 deleted.');
    expect(await itemsOf(client, table)).toEqual([
      { pk: 'job#unit-tests', sk: 'tags#', type: 'LAMBDA', arn: ARN },
    ]);
  });

  it('asks before pruning on a terminal and writes nothing unless the answer is yes', async () => {
    await seed([lambdaEntry, ec2Entry]);
    const file = await writeMappingsFile({ mappings: [{ ...lambdaEntry, maximumTimeout: 600 }] });
    const argv = ['--file', file, '--table', table, '--endpoint', dynamo.endpoint, '--prune'];

    const declined = await runCli(argv, { tty: true, answer: 'n\n' });
    expect(declined.stdout).toContain(`Delete 1 item(s) that are not in the file from ${table}? [y/N]`);
    expect(declined.stdout).toContain('Not confirmed: nothing was written.');
    expect(declined.code).toBe(1);
    expect(await itemsOf(client, table)).toHaveLength(2);

    const endOfInput = await runCli(argv, { tty: true });
    expect(endOfInput.stdout).toContain('Not confirmed: nothing was written.');
    expect(await itemsOf(client, table)).toHaveLength(2);

    const confirmed = await runCli(argv, { tty: true, answer: 'yes\n' });
    expect(confirmed.code).toBe(0);
    expect(await itemsOf(client, table)).toEqual([
      { pk: 'job#unit-tests', sk: 'tags#', type: 'LAMBDA', arn: ARN, maximumTimeout: 600 },
    ]);
  });

  it('prunes on a terminal without asking when --yes is given', async () => {
    await seed([lambdaEntry, ec2Entry]);
    const file = await writeMappingsFile({ mappings: [lambdaEntry] });
    const run = await runCli(
      ['--file', file, '--table', table, '--endpoint', dynamo.endpoint, '--prune', '--yes'],
      {
        tty: true,
      },
    );
    expect(run.stdout).not.toContain('[y/N]');
    expect(await itemsOf(client, table)).toHaveLength(1);
  });

  it('only shows the changes with --dry-run', async () => {
    await seed([ec2Entry]);
    const run = await seed([lambdaEntry], '--dry-run', '--prune');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('+ added      unit-tests [] LAMBDA');
    expect(run.stdout).toContain('- removed    job#docker-build tags#docker');
    expect(run.stdout).toContain('Dry run: nothing was written.');
    expect(await itemsOf(client, table)).toEqual([ec2Item]);
  });

  it('writes 60 mappings in several batches', async () => {
    const mappings = Array.from({ length: 60 }, (_, index) => ({ jobName: `job-${index}`, type: 'EC2' }));
    const run = await seed(mappings);

    expect(run.stdout).toContain('Done: 60 written, 0 deleted.');
    expect(await itemsOf(client, table)).toHaveLength(60);
    expect((await seed(mappings)).stdout).toContain('60 unchanged');
  });

  it('writes nothing when one entry is invalid, and names every problem', async () => {
    await seed([lambdaEntry]);
    const run = await seed([
      { ...lambdaEntry, maximumTimeout: 700 },
      { jobName: 'deploy', type: 'LAMBDA' },
    ]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('1 problem(s) in the mappings file; nothing was written:');
    expect(run.stderr).toContain('mappings[1] (job "deploy").arn: is required for LAMBDA mappings');
    expect(run.stdout).toBe('');
    expect(await itemsOf(client, table)).toEqual([
      { pk: 'job#unit-tests', sk: 'tags#', type: 'LAMBDA', arn: ARN },
    ]);
  });

  it('says the table is missing, in which region, and exits 2', async () => {
    const file = await writeMappingsFile({ mappings: [lambdaEntry] });
    const run = await runCli(['--file', file, '--table', 'no-such-table', '--endpoint', dynamo.endpoint]);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: DynamoDB Scan failed: table no-such-table not found in region eu-west-1 (ResourceNotFoundException)\n',
    );
  });

  it('asks for a region when none is configured, before any AWS call', async () => {
    vi.stubEnv('AWS_REGION', undefined);
    vi.stubEnv('AWS_DEFAULT_REGION', undefined);
    vi.stubEnv('AWS_PROFILE', undefined);
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/aws-config');
    const file = await writeMappingsFile({ mappings: [lambdaEntry] });
    const run = await runCli(['--file', file, '--table', table, '--endpoint', dynamo.endpoint]);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: no AWS region is configured: pass --region, set AWS_REGION, or use a profile with a region\n',
    );
  });

  it('retries items DynamoDB left unprocessed until all are written', async () => {
    // DynamoDB emulators never leave items unprocessed: the first batch answer is injected.
    const real = DynamoDBDocumentClient.from(client);
    const documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-west-1' }),
    );
    const passThrough = (input: BatchWriteCommandInput) => real.send(new BatchWriteCommand(input));
    const mock = mockClient(documents);
    mock.on(ScanCommand).callsFake((input: ScanCommandInput) => real.send(new ScanCommand(input)));
    mock
      .on(BatchWriteCommand)
      .callsFakeOnce(async (input: BatchWriteCommandInput) => {
        const requests = input.RequestItems?.[table] ?? [];
        await passThrough({ RequestItems: { [table]: requests.slice(0, 20) } });
        return { UnprocessedItems: { [table]: requests.slice(20) } };
      })
      .callsFake(passThrough);
    const mappings = Array.from({ length: 30 }, (_, index) => ({ jobName: `job-${index}`, type: 'EC2' }));
    const file = await writeMappingsFile({ mappings });

    const run = await runCli(['--file', file, '--table', table, '--region', 'eu-west-1'], {
      openTable: ({ tableName }) =>
        createMappingTable({ tableName, client: documents, retry: { sleep: async () => undefined } }),
    });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sizes = mock
      .commandCalls(BatchWriteCommand)
      .map((call) => call.args[0].input.RequestItems?.[table]?.length);
    expect(sizes).toEqual([25, 5, 5]);
    expect(await itemsOf(client, table)).toHaveLength(30);
    mock.restore();
  });
});
