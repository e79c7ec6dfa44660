import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSeedArgs, UsageError } from '../../../src/index.ts';

const FLAGS = [
  '--file',
  '--stack',
  '--table',
  '--region',
  '--profile',
  '--endpoint',
  '--dry-run',
  '--prune',
  '--yes',
  '--help',
];

/** Command lines made of real flags, values that may be empty or odd, and stray words. */
const argv = fc.array(fc.oneof(fc.constantFrom(...FLAGS), fc.string(), fc.constantFrom('eu-west-1', '')), {
  maxLength: 8,
});

describe('parseSeedArgs on any command line', () => {
  it('returns options or help, or throws a UsageError: nothing else', () => {
    fc.assert(
      fc.property(argv, (args) => {
        try {
          const parsed = parseSeedArgs(args);
          if (parsed !== 'help') expect(Object.keys(parsed.target)).toHaveLength(1);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
        }
      }),
    );
  });

  it('reads back any non-blank table name and region it is given', () => {
    const name = fc.string({ minLength: 1 }).filter((value) => value.trim() !== '' && !value.startsWith('-'));
    const region = fc
      .tuple(fc.constantFrom('eu', 'us', 'ap'), fc.constantFrom('west', 'central', 'south-east'), fc.nat(9))
      .map(([area, part, index]) => `${area}-${part}-${index}`);
    fc.assert(
      fc.property(name, region, (table, awsRegion) => {
        const parsed = parseSeedArgs(['--table', table, '--region', awsRegion]);

        expect(parsed).toMatchObject({ target: { table }, region: awsRegion });
      }),
    );
  });
});
