import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRunSingleCommand } from '../../src/cli-args.ts';
import { RunnerUsageError } from '../../src/index.ts';

const TOKEN = 'glrt-local-runner-cli';
const environment = { CI_SERVER_TOKEN: TOKEN };
const required = ['run-single', '--url', 'http://127.0.0.1:3000', '--builds-dir', '/tmp/builds'];

describe('parseRunSingleCommand', () => {
  it('reads every flag and takes the token from the environment', () => {
    const command = parseRunSingleCommand(
      [...required, '--max-builds', '1', '--wait-timeout', '30', '--description', 'glr-1-abcdef'],
      environment,
    );

    expect(command).toEqual({
      options: {
        url: 'http://127.0.0.1:3000',
        token: TOKEN,
        buildsDir: '/tmp/builds',
        maxBuilds: 1,
        waitTimeoutSeconds: 30,
      },
      description: 'glr-1-abcdef',
    });
  });

  it('refuses to run without CI_SERVER_TOKEN, naming it', () => {
    expect(() => parseRunSingleCommand(required, {})).toThrow(/CI_SERVER_TOKEN is required/);
  });

  it('reads back any whole --max-builds and --wait-timeout of 0 or more, and refuses anything else', () => {
    const count = fc.oneof(fc.nat().map(String), fc.string(), fc.integer({ max: -1 }).map(String));
    fc.assert(
      fc.property(count, count, (maxBuilds, waitTimeout) => {
        const args = [...required, `--max-builds=${maxBuilds}`, `--wait-timeout=${waitTimeout}`];
        const whole = (value: string) => Number.isSafeInteger(Number(value)) && Number(value) >= 0;
        if (whole(maxBuilds) && whole(waitTimeout)) {
          expect(parseRunSingleCommand(args, environment).options).toMatchObject({
            maxBuilds: Number(maxBuilds),
            waitTimeoutSeconds: Number(waitTimeout),
          });
        } else {
          expect(() => parseRunSingleCommand(args, environment)).toThrow(RunnerUsageError);
        }
      }),
    );
  });

  it('throws only RunnerUsageError for any command line, and never quotes the token', () => {
    const word = fc.oneof(
      fc.constantFrom(
        'run-single',
        '--url',
        '--builds-dir',
        '--max-builds',
        '--wait-timeout',
        '--description',
      ),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (argv) => {
        try {
          parseRunSingleCommand(argv, environment);
        } catch (error) {
          expect(error).toBeInstanceOf(RunnerUsageError);
          expect((error as Error).message).not.toContain(TOKEN);
        }
      }),
    );
  });
});
