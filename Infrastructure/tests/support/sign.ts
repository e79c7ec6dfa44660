import { createHmac, randomBytes } from 'node:crypto';

/** A Standard Webhooks signing secret and its key, as GitLab shows them. */
export const newSigningSecret = (): { readonly secret: string; readonly key: Buffer } => {
  const key = randomBytes(32);
  return { secret: `whsec_${key.toString('base64')}`, key };
};

/** The Standard Webhooks headers GitLab adds to a signed delivery. */
export const signatureHeaders = (key: Buffer, body: string, timestamp: Date, id = 'msg_2f0c9c7a55d0') => {
  const seconds = String(Math.floor(timestamp.getTime() / 1000));
  const signature = createHmac('sha256', key).update(`${id}.${seconds}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': seconds, 'webhook-signature': `v1,${signature}` };
};
