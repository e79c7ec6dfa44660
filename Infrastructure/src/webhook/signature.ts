import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigurationError } from '@glr/core';
import { WebhookUnauthorizedError } from '../errors.ts';

/** Standard Webhooks: a signature older or newer than this is refused (replay protection). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Decodes a `whsec_<base64 key>` signing secret into its HMAC key. Throws a `ConfigurationError`
 * that names the parameter, never its value.
 */
export const decodeSigningSecret = (secret: string, parameterName: string): Buffer => {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : '';
  if (!BASE64.test(encoded)) {
    throw new ConfigurationError(`${parameterName} must be 'whsec_' followed by the base64 signing key`);
  }
  return Buffer.from(encoded, 'base64');
};

/** What a Standard Webhooks signature check needs besides the request. */
export interface SignatureCheck {
  readonly key: Buffer;
  readonly now: Date;
}

/**
 * Verifies a Standard Webhooks signature (`webhook-id`, `webhook-timestamp`, `webhook-signature`:
 * `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, space-separated when several).
 * Throws {@link WebhookUnauthorizedError} saying what is wrong.
 */
export const verifySignature = (
  headers: Readonly<Record<string, string | undefined>>,
  body: Buffer,
  { key, now }: SignatureCheck,
): void => {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) {
    throw new WebhookUnauthorizedError('missing webhook-id, webhook-timestamp or webhook-signature header');
  }
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!(Math.abs(now.getTime() / 1000 - seconds) <= SIGNATURE_TOLERANCE_SECONDS)) {
    throw new WebhookUnauthorizedError('webhook-timestamp is not within 5 minutes of the current time');
  }
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
  const candidates = signatures.split(' ').filter((entry) => entry.startsWith('v1,'));
  const matches = candidates.filter((entry) => {
    const signature = Buffer.from(entry.slice(3), 'base64');
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  });
  if (matches.length === 0) throw new WebhookUnauthorizedError('no webhook-signature matches the body');
};
