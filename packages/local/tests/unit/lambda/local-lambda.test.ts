import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FunctionNotFoundError, LambdaFunctionError } from '../../../src/errors.ts';
import { LAMBDA_TIMEOUT_ERROR, LocalLambdaRuntime } from '../../../src/lambda/local-lambda.ts';
import type { LocalFunction } from '../../../src/template/functions.ts';
import { fixtureFunctions, fixtureStackDir } from '../../fixtures/stack.ts';

const slow: LocalFunction = {
  logicalId: 'SlowFunction',
  name: 'fixture-SlowFunction',
  arn: 'arn:aws:lambda:eu-west-1:000000000000:function:fixture-SlowFunction',
  handlerPath: join(fixtureStackDir, 'src/slow/handler.ts'),
  environment: {},
  timeoutSeconds: 0.05,
  memorySizeMb: 128,
};

describe('LocalLambdaRuntime', () => {
  const runtime = new LocalLambdaRuntime({ functions: [...fixtureFunctions(), slow] });

  it('finds a function by name, full or qualified ARN, and logical id', () => {
    for (const key of [
      'fixture-RecordFunction',
      'arn:aws:lambda:eu-west-1:000000000000:function:fixture-RecordFunction',
      'arn:aws:lambda:eu-west-1:000000000000:function:fixture-RecordFunction:$LATEST',
      'RecordFunction',
    ]) {
      expect(runtime.find(key).logicalId).toBe('RecordFunction');
    }
    expect(() => runtime.find('nope')).toThrow(FunctionNotFoundError);
  });

  it('passes the event as JSON and returns the JSON result', async () => {
    await expect(runtime.invoke('RecordFunction', { jobId: 5, skipped: undefined })).resolves.toEqual({
      recordedJob: 5,
      pid: process.pid,
    });
  });

  it('sets the environment the template gives, Globals included', () => {
    expect(process.env.FIXTURE_TABLE_NAME).toBe('fixture-StateTable');
    expect(process.env.FIXTURE_NAMED_TABLE).toBe('fixture-named');
    expect(process.env.FIXTURE_BUS).toBe('glr-test-bus');
    expect(process.env.FIXTURE_REGION).toBe('eu-west-1');
    expect(process.env.FIXTURE_GLOBAL).toBe('from-globals');
  });

  it('reads Timeout from Globals', () => {
    expect(runtime.find('ClaimFunction').timeoutSeconds).toBe(20);
  });

  it('keeps the name of a thrown error', async () => {
    const failure = runtime.invoke('ClaimFunction', { jobId: 0, table: 't' });
    await expect(failure).rejects.toBeInstanceOf(LambdaFunctionError);
    await expect(failure).rejects.toHaveProperty('name', 'InvalidJob');
  });

  it('times a handler out as Lambda does', async () => {
    await expect(runtime.invoke('SlowFunction', {})).rejects.toHaveProperty('name', LAMBDA_TIMEOUT_ERROR);
  });
});

describe('LocalLambdaRuntime: isolated execution environments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glr-isolated-'));
  const functions = fixtureFunctions().map((fn) =>
    fn.logicalId === 'RecordFunction' ? { ...fn, environment: { ...fn.environment, WORK: '/tmp/work' } } : fn,
  );
  const runtime = new LocalLambdaRuntime({
    functions,
    isolate: { functions: ['RecordFunction', 'ClaimFunction'], root: dir },
  });
  afterAll(() => runtime.stop());

  it('runs concurrent invocations in separate environments, each with its own /tmp', async () => {
    const results = (await Promise.all([
      runtime.invoke('RecordFunction', { jobId: 1 }),
      runtime.invoke('RecordFunction', { jobId: 2 }),
    ])) as { recordedJob: number; work: string }[];
    expect(results.map((result) => result.recordedJob)).toEqual([1, 2]);
    const [first, second] = results.map((result) => result.work);
    expect(first).not.toBe(second);
    expect(first?.startsWith(dir)).toBe(true);
    expect(first?.endsWith('/tmp/work')).toBe(true);
  });

  it('reuses an idle environment, as a warm start', async () => {
    const again = (await runtime.invoke('RecordFunction', { jobId: 3 })) as { work: string; pid: number };
    const pids = new Set([again.pid]);
    const later = (await runtime.invoke('RecordFunction', { jobId: 4 })) as { pid: number };
    pids.add(later.pid);
    expect(pids.size).toBe(1);
    expect(again.pid).not.toBe(process.pid);
  });

  it('keeps the name of an error thrown in an environment', async () => {
    await expect(runtime.invoke('ClaimFunction', { jobId: 0, table: 't' })).rejects.toHaveProperty(
      'name',
      'InvalidJob',
    );
  });
});
