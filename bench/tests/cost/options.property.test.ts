import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCostCommand } from '../../cost/options.ts';
import { FlagError } from '../../errors.ts';

const VALUE_FLAGS = [
  '--jobs-per-month',
  '--job-minutes',
  '--lambda-memory',
  '--instance-type',
  '--purchase',
  '--spot-price',
  '--utilisation',
  '--ebs-gb',
  '--ssm-throughput',
  '--region',
];

/** A flag with any value: numbers in and out of range, words, blanks. */
const flagAndValue = fc.tuple(
  fc.constantFrom(...VALUE_FLAGS),
  fc.oneof(
    fc.string(),
    fc.double().map(String),
    fc.integer().map(String),
    fc.constantFrom('spot', 'on-demand', 'higher', 'm7i.large'),
  ),
);

describe('parseCostCommand on any command line', () => {
  it('returns inputs or throws a FlagError naming a flag: nothing else', () => {
    fc.assert(
      fc.property(fc.array(flagAndValue, { maxLength: 6 }), fc.boolean(), (pairs, json) => {
        const args = [...pairs.flatMap(([flag, value]) => [`${flag}=${value}`]), ...(json ? ['--json'] : [])];
        try {
          const command = parseCostCommand(args);
          expect(command.json).toBe(json);
          expect(command.inputs.jobsPerMonth).toBeGreaterThan(0);
          expect(command.inputs.utilisation).toBeGreaterThan(0);
          expect(command.inputs.utilisation).toBeLessThanOrEqual(1);
        } catch (error) {
          expect(error).toBeInstanceOf(FlagError);
          expect((error as FlagError).flag).toMatch(/^(--[a-z-]+|flags)$/);
        }
      }),
    );
  });

  it('accepts every whole --lambda-memory from 128 to 10240 and refuses the numbers around it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (memory) => {
        const parse = () => parseCostCommand(['--lambda-memory', String(memory)]);
        if (memory >= 128 && memory <= 10_240) expect(parse().inputs.lambdaMemoryMb).toBe(memory);
        else expect(parse).toThrow(FlagError);
      }),
    );
  });
});
