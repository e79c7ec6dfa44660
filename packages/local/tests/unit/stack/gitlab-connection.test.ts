import { ConfigurationError } from '@glr/core';
import { describe, expect, it } from 'vitest';
import { realGitLabFromEnvironment } from '../../../src/stack/gitlab-connection.ts';

const ACCESS = 'glpat-real-gitlab-secret';
const WEBHOOK = 'webhook-real-secret';

describe('realGitLabFromEnvironment', () => {
  it('means the fake GitLab when GITLAB_URL is unset', () => {
    expect(realGitLabFromEnvironment({ GITLAB_ACCESS_TOKEN: ACCESS })).toBeUndefined();
  });

  it('reads a real GitLab with an access token', () => {
    expect(
      realGitLabFromEnvironment({
        GITLAB_URL: 'https://gitlab.example.com/',
        GITLAB_ACCESS_TOKEN: ACCESS,
        GITLAB_WEBHOOK_SECRET: WEBHOOK,
      }),
    ).toEqual({ url: 'https://gitlab.example.com', accessToken: ACCESS, webhookSecret: WEBHOOK });
  });

  it('accepts a registration token instead', () => {
    expect(
      realGitLabFromEnvironment({
        GITLAB_URL: 'https://g.example',
        GITLAB_REGISTRATION_TOKEN: 'GR1348941x',
        GITLAB_WEBHOOK_SECRET: WEBHOOK,
      }),
    ).toMatchObject({ registrationToken: 'GR1348941x' });
  });

  it('names every missing or bad variable, and no secret', () => {
    const read = () => realGitLabFromEnvironment({ GITLAB_URL: 'ftp://x', GITLAB_WEBHOOK_SECRET: '' });
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(
      /GITLAB_URL must be an http\(s\) URL.*GITLAB_ACCESS_TOKEN .* is required.*GITLAB_WEBHOOK_SECRET is required/,
    );
    const message = (() => {
      try {
        realGitLabFromEnvironment({ GITLAB_URL: 'nope', GITLAB_ACCESS_TOKEN: ACCESS });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).not.toContain(ACCESS);
  });
});
