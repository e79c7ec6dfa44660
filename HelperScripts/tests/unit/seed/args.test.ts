import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS_FILE, parseSeedArgs, UsageError } from '../../../src/index.ts';

describe('parseSeedArgs', () => {
  it('reads every flag', () => {
    expect(
      parseSeedArgs([
        '--file',
        'm.json',
        '--stack',
        'glr-autoscaler',
        '--region',
        'eu-central-1',
        '--profile',
        'ci',
        '--endpoint',
        'http://127.0.0.1:8000',
        '--dry-run',
        '--prune',
        '--yes',
      ]),
    ).toEqual({
      file: 'm.json',
      target: { stack: 'glr-autoscaler' },
      region: 'eu-central-1',
      profile: 'ci',
      endpoint: 'http://127.0.0.1:8000',
      dryRun: true,
      prune: true,
      yes: true,
    });
  });

  it('defaults to the shipped mappings file and changes nothing it was not asked to', () => {
    expect(parseSeedArgs(['--table', 'mappings'])).toEqual({
      file: DEFAULT_MAPPINGS_FILE,
      target: { table: 'mappings' },
      dryRun: false,
      prune: false,
      yes: false,
    });
  });

  it('answers help before checking the other flags', () => {
    expect(parseSeedArgs(['--help'])).toBe('help');
    expect(parseSeedArgs(['--help', '--stack', 's', '--table', 't'])).toBe('help');
  });

  it.each([
    [[], 'name the table: --stack <AutoScaler stack name> or --table <table name>'],
    [['--stack', 's', '--table', 't'], 'give either --stack or --table, not both'],
    [['--table'], "Option '--table <value>' argument missing; see --help"],
    [['--table', 't', '--force'], "Unknown option '--force'; see --help"],
    [['--table', 't', 'extra'], "Unexpected argument 'extra'"],
    [['--table', ' '], '--table needs a value'],
    [['--table', 't', '--region', 'Ireland'], '--region Ireland is not an AWS region name like eu-west-1'],
    [
      ['--table', 't', '--endpoint', 'localhost:8000'],
      '--endpoint must be an http(s) URL such as http://127.0.0.1:8000',
    ],
  ])('rejects %j with the fix', (argv, message) => {
    expect(() => parseSeedArgs(argv)).toThrow(UsageError);
    expect(() => parseSeedArgs(argv)).toThrow(message);
  });
});
