import { createHash, timingSafeEqual } from 'node:crypto';
import { GITLAB_HEADERS } from '@glr/core';
import { WebhookUnauthorizedError } from '../errors.ts';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Checks `X-Gitlab-Token` against every accepted secret (current, and previous during a rotation),
 * comparing equal-length SHA-256 digests in constant time. Throws {@link WebhookUnauthorizedError}.
 */
export const verifyGitLabToken = (
  headers: Readonly<Record<string, string | undefined>>,
  acceptedTokens: readonly string[],
): void => {
  const presented = headers[GITLAB_HEADERS.token];
  if (presented === undefined || presented === '') {
    throw new WebhookUnauthorizedError('missing X-Gitlab-Token header');
  }
  const presentedDigest = digest(presented);
  const matches = acceptedTokens.filter((token) => timingSafeEqual(presentedDigest, digest(token)));
  if (matches.length === 0) throw new WebhookUnauthorizedError('invalid X-Gitlab-Token');
};
