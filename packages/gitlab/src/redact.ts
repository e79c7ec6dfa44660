const TOKEN_PATTERN = /\b(glrt|glpat|glcbt|glptt|glgat|gldt|glrtr|GR1348941)[-_][\w-]+/g;

/**
 * Removes `secrets` and anything shaped like a GitLab token from `text`, and caps its length. Used on
 * every piece of outside text (GitLab's error messages, network error messages) before it reaches an
 * error message or a log line.
 */
export const redact = (text: string, secrets: readonly string[], maxLength = 300): string => {
  let clean = text;
  for (const secret of secrets) {
    if (secret.length > 0) clean = clean.split(secret).join('[REDACTED]');
  }
  clean = clean.replace(TOKEN_PATTERN, '[REDACTED]');
  return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
};
