import { describe, expect, it } from 'vitest';
import * as gitlab from '../../src/index.ts';
import {
  GITLAB_ERROR_NAMES,
  GitLabError,
  GitLabForbiddenError,
  GitLabServerError,
  isRetryableGitLabError,
} from '../../src/index.ts';

const context = { method: 'GET', path: '/api/v4/runners/1', status: 500 } as const;

describe('GitLab errors', () => {
  it('exports a class for every name in GITLAB_ERROR_NAMES, whose instances carry that name', () => {
    for (const name of Object.values(GITLAB_ERROR_NAMES)) {
      const ErrorClass = (gitlab as Record<string, unknown>)[name];
      expect(ErrorClass, name).toBeTypeOf('function');
      const error =
        name === 'GitLabRegistrationDisabledError'
          ? new gitlab.GitLabRegistrationDisabledError(context)
          : new (ErrorClass as typeof GitLabError)('message', context);
      expect(error.name).toBe(name);
      expect(error).toBeInstanceOf(GitLabError);
    }
  });

  it('keeps the cause and the call context', () => {
    const cause = new Error('inner');
    const error = new GitLabServerError('failed', context, { cause });

    expect(error).toMatchObject({ cause, method: 'GET', path: '/api/v4/runners/1', status: 500 });
  });

  it('marks only transient failures as retryable', () => {
    expect(isRetryableGitLabError(new GitLabServerError('x', context))).toBe(true);
    expect(isRetryableGitLabError(new GitLabForbiddenError('x', context))).toBe(false);
    expect(isRetryableGitLabError(new Error('x'))).toBe(false);
  });
});
