/** What a masked secret reads as in the function log. */
export const MASK = '[MASKED]';

/**
 * Returns a function that replaces every occurrence of each secret in a line, so a runner or job
 * that prints a token never puts it in the function log. Empty secrets are ignored.
 */
export const createMasker = (secrets: readonly string[]): ((line: string) => string) => {
  const present = secrets.filter((secret) => secret.length > 0);
  return (line) => present.reduce((masked, secret) => masked.split(secret).join(MASK), line);
};
