import { ConfigurationError } from '@glr/core';
import { describe, expect, it } from 'vitest';
import { createGitLabClient } from '../../src/index.ts';

describe('createGitLabClient options', () => {
  it.each([
    ['no scheme', 'gitlab.example.com'],
    ['another scheme', 'ftp://gitlab.example.com'],
    ['empty', ''],
  ])('refuses a url with %s at once, naming the setting and the fix', (_case, url) => {
    expect(() => createGitLabClient({ url })).toThrow(ConfigurationError);
    expect(() => createGitLabClient({ url })).toThrow(
      /GitLab url must be the instance's http\(s\) base URL, e.g\. https:\/\/gitlab\.example\.com/,
    );
  });

  it('accepts a base URL with a relative root and a trailing slash', () => {
    expect(() => createGitLabClient({ url: 'https://example.com/gitlab/' })).not.toThrow();
  });
});
