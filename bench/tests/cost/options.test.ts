import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS, parseCostCommand } from '../../cost/options.ts';
import { FlagError } from '../../errors.ts';

const flagError = (args: string[]): FlagError => {
  try {
    parseCostCommand(args);
  } catch (error) {
    if (error instanceof FlagError) return error;
    throw error;
  }
  throw new Error(`no error for ${args.join(' ')}`);
};

describe('parseCostCommand', () => {
  it('uses the defaults when no flag is given', () => {
    expect(parseCostCommand([])).toEqual({ inputs: DEFAULT_INPUTS, json: false, help: false });
  });

  it('reads every flag', () => {
    const command = parseCostCommand([
      '--jobs-per-month=5000',
      '--job-minutes',
      '2.5',
      '--lambda-memory',
      '4096',
      '--instance-type',
      't3.large',
      '--purchase',
      'spot',
      '--spot-price',
      '0.03',
      '--utilisation',
      '0.6',
      '--ebs-gb',
      '50',
      '--ssm-throughput',
      'higher',
      '--region',
      'us-east-1',
      '--json',
    ]);
    expect(command).toEqual({
      inputs: {
        jobsPerMonth: 5000,
        jobMinutes: 2.5,
        lambdaMemoryMb: 4096,
        instanceType: 't3.large',
        purchase: 'spot',
        spotPricePerHour: 0.03,
        utilisation: 0.6,
        ebsGb: 50,
        ssmThroughput: 'higher',
        region: 'us-east-1',
      },
      json: true,
      help: false,
    });
  });

  it.each([
    [['--jobs-per-month', 'many'], '--jobs-per-month', '"many" is not a number'],
    [['--jobs-per-month', '2.5'], '--jobs-per-month', 'whole number from 1'],
    [['--job-minutes', '0'], '--job-minutes', 'above 0'],
    [['--lambda-memory', '64'], '--lambda-memory', 'from 128 to 10240'],
    [['--utilisation', '30%'], '--utilisation', 'not a number'],
    [['--utilisation', '1.5'], '--utilisation', 'a fraction like 0.3'],
    [['--purchase', 'reserved'], '--purchase', 'one of: spot, on-demand'],
    [['--ssm-throughput', 'max'], '--ssm-throughput', 'one of: standard, higher'],
    [['--spot-price', '0.02'], '--spot-price', 'only applies with --purchase spot'],
    [['--instance-type', 'x9.huge'], '--instance-type', 'use one of t3.medium'],
    [['--region', 'eu-west-1'], '--region', 'us-east-1 list prices only'],
    [['--colour', 'red'], 'flags', "Unknown option '--colour'"],
  ])('rejects %j with an error naming %s', (args, flag, message) => {
    const error = flagError(args);
    expect(error.name).toBe('FlagError');
    expect(error.flag).toBe(flag);
    expect(error.message).toContain(message);
  });
});
