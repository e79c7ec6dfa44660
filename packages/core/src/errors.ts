/** Root of every error the core package throws. */
export class CoreError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CoreError';
  }
}

/** One problem found while validating outside input: where it is and how to fix it. */
export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `runner.tags.0` or `[3].arn`. */
  readonly field: string;
  /** What is wrong and what to do about it. */
  readonly message: string;
}

/** Outside input (webhook, mapping, payload, setting) failed validation. */
export class ValidationError extends CoreError {
  public readonly issues: readonly ValidationIssue[];

  public constructor(subject: string, issues: readonly ValidationIssue[], options?: ErrorOptions) {
    super(`${subject}: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`, options);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** A required or malformed configuration setting. */
export class ConfigurationError extends CoreError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigurationError';
  }
}
