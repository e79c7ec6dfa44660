import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FakeGitLabUsageError,
  parseCancelCommand,
  parsePipelineCommand,
  parseServeCommand,
} from '../../src/index.ts';

const SECRETS = {
  FAKE_GITLAB_ACCESS_TOKEN: 'glpat-fake-admin',
  FAKE_GITLAB_REGISTRATION_TOKEN: 'GR1348941-fake',
  FAKE_GITLAB_WEBHOOK_SECRET: 'hook-secret',
};

describe('parseServeCommand', () => {
  it('takes the tokens from the environment and the rest from the flags', () => {
    expect(
      parseServeCommand(
        ['--port', '8080', '--webhook-url', 'http://127.0.0.1:3000/webhook', '--pending-timeout', '60'],
        SECRETS,
      ),
    ).toEqual({
      host: '127.0.0.1',
      port: 8080,
      accessTokens: [{ token: 'glpat-fake-admin', scopes: ['api'], admin: true }],
      registrationToken: 'GR1348941-fake',
      twoPhaseCommit: false,
      pendingTimeoutSeconds: 60,
      webhook: { url: 'http://127.0.0.1:3000/webhook', secretToken: 'hook-secret' },
    });
  });

  it('serves with no access token and registration disabled when the environment has none', () => {
    expect(parseServeCommand([], {})).toMatchObject({ accessTokens: [], registrationToken: null, port: 0 });
  });

  it('reads back every port from 0 to 65535 and refuses anything else, naming --port', () => {
    const port = fc.oneof(fc.integer({ min: -70_000, max: 140_000 }).map(String), fc.string());
    fc.assert(
      fc.property(port, (raw) => {
        const value = Number(raw);
        if (raw.trim() !== '' && Number.isSafeInteger(value) && value >= 0 && value <= 65_535) {
          expect(parseServeCommand([`--port=${raw}`], {}).port).toBe(value);
        } else {
          expect(() => parseServeCommand([`--port=${raw}`], {})).toThrow(/^--port must be a whole number/);
        }
      }),
    );
  });
});

describe('fake GitLab command lines', () => {
  const word = fc.oneof(
    fc.constantFrom('--url', '--file', '--project', '--ref', '--job', '--force', '--port', '--host', '-'),
    fc.string(),
  );
  const parsers = [
    (args: string[]) => parseServeCommand(args, SECRETS),
    parsePipelineCommand,
    parseCancelCommand,
  ];

  it('parse or throw FakeGitLabUsageError for any arguments, never quoting a secret', () => {
    fc.assert(
      fc.property(fc.constantFrom(...parsers), fc.array(word, { maxLength: 6 }), (parse, args) => {
        try {
          parse(args);
        } catch (error) {
          expect(error).toBeInstanceOf(FakeGitLabUsageError);
          for (const secret of Object.values(SECRETS)) expect((error as Error).message).not.toContain(secret);
        }
      }),
    );
  });

  it('require --url and --file for pipeline, --url and --job for cancel', () => {
    expect(() => parsePipelineCommand(['--url', 'http://x'])).toThrow('pipeline needs --url and --file');
    expect(() => parseCancelCommand(['--job', '7'])).toThrow('cancel needs --url and --job');
    expect(parseCancelCommand(['--url', 'http://x', '--job', '7', '--force'])).toEqual({
      url: 'http://x',
      job: '7',
      force: true,
    });
  });
});
