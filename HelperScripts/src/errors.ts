import type { ValidationIssue } from '@glr/core';

/** Root of every error the helper scripts throw. */
export class HelperScriptsError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HelperScriptsError';
  }
}

/** The command line is wrong: an unknown flag, a missing or conflicting one, a malformed value. */
export class UsageError extends HelperScriptsError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** The mappings file cannot be read or holds invalid entries; `issues` name each entry and field. */
export class MappingsFileError extends HelperScriptsError {
  public readonly issues: readonly ValidationIssue[];

  public constructor(file: string, issues: readonly ValidationIssue[], options?: ErrorOptions) {
    super(
      `${file} is invalid: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`,
      options,
    );
    this.name = 'MappingsFileError';
    this.issues = issues;
  }
}
