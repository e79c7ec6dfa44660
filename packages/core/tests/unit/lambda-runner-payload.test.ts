import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLambdaRunnerPayload, ValidationError } from '../../src/index.ts';

const TOKEN = 'glrt-payload-secret-Xy7';

const validPayload = fc.record({
  runnerName: fc
    .tuple(fc.integer({ min: 1, max: 2 ** 40 }), fc.stringMatching(/^[a-z0-9]{6}$/))
    .map(([jobId, suffix]) => `glr-${jobId}-${suffix}`),
  gitlabUrl: fc.webUrl({ validSchemes: ['http', 'https'] }),
  runnerToken: fc.string({ minLength: 1 }),
  tags: fc.array(fc.string({ minLength: 1 }), { maxLength: 5 }),
  maximumTimeout: fc.integer({ min: 1, max: 86_400 }),
  jobId: fc.integer({ min: 1, max: 2 ** 40 }),
});

const issuesOf = (input: unknown): readonly { field: string; message: string }[] => {
  try {
    parseLambdaRunnerPayload(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
};

describe('parseLambdaRunnerPayload', () => {
  it('returns any payload of the documented shape as it was sent', () => {
    fc.assert(
      fc.property(validPayload, (payload) => {
        expect(parseLambdaRunnerPayload(payload)).toEqual(payload);
      }),
    );
  });

  it('defaults tags to none', () => {
    const payload = {
      runnerName: 'glr-4711-ab12cd',
      gitlabUrl: 'https://gitlab.example.com',
      runnerToken: TOKEN,
      maximumTimeout: 840,
      jobId: 4711,
    };

    expect(parseLambdaRunnerPayload(payload).tags).toEqual([]);
  });

  it('throws only ValidationError for any input, and never quotes the runner token', () => {
    const anyInput = fc.oneof(
      fc.anything(),
      validPayload.chain((payload) =>
        fc
          .dictionary(fc.constantFrom(...Object.keys(payload)), fc.oneof(fc.anything(), fc.constant(TOKEN)))
          .map((changes) => ({ ...payload, runnerToken: TOKEN, ...changes })),
      ),
    );
    fc.assert(
      fc.property(anyInput, (input) => {
        try {
          parseLambdaRunnerPayload(input);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          expect((error as Error).message).not.toContain(TOKEN);
        }
      }),
    );
  });

  it('names each bad field and what it must be', () => {
    expect(
      issuesOf({ runnerName: 'runner-1', gitlabUrl: 'ftp://gitlab', runnerToken: '', jobId: 0 }),
    ).toEqual([
      { field: 'runnerName', message: 'must be a runner name like glr-4711-ab12cd' },
      { field: 'gitlabUrl', message: 'must be the http(s) URL of the GitLab instance' },
      { field: 'runnerToken', message: 'is required: the runner authentication token (glrt-…)' },
      { field: 'maximumTimeout', message: expect.any(String) },
      { field: 'jobId', message: 'must be the GitLab job id the runner was started for' },
    ]);
  });
});
