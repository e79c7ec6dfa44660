import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GitLabResponseError } from '../../src/errors.ts';
import { jobSchema, runnerRegistrationSchema } from '../../src/schemas.ts';
import { parseBody } from '../../src/transport.ts';

const respond = (json: unknown) => ({ status: 201, headers: new Headers(), json });

describe('parseBody', () => {
  it('accepts any registration body of the documented shape, ignoring extra fields', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.string({ minLength: 1 }),
        fc.option(fc.string(), { nil: null }),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (id, token, expiresAt, extra) => {
          const body = { ...extra, id, token, token_expires_at: expiresAt };
          expect(parseBody(runnerRegistrationSchema, respond(body), 'POST', '/user/runners')).toEqual({
            id,
            token,
            token_expires_at: expiresAt,
          });
        },
      ),
    );
  });

  it('throws only GitLabResponseError for arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        try {
          parseBody(jobSchema, respond(json), 'GET', '/projects/1/jobs/2');
        } catch (error) {
          expect(error).toBeInstanceOf(GitLabResponseError);
        }
      }),
    );
  });

  it('names the path of a bad nested field', () => {
    const body = { id: 1, name: 'n', status: 'pending', tag_list: ['a', 7], runner: null };

    expect(() => parseBody(jobSchema, respond(body), 'GET', '/projects/1/jobs/1')).toThrow(/tag_list\.1: /);
  });

  it('does not echo a rejected value that may be a token', () => {
    const body = { id: 'glrt-leak', token: 'glrt-leak', token_expires_at: 42 };

    expect(() => parseBody(runnerRegistrationSchema, respond(body), 'POST', '/user/runners')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('glrt-leak') }),
    );
  });
});
