/** Root of every error the fake GitLab throws. */
export class FakeGitLabError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FakeGitLabError';
  }
}

/** A pipeline description (YAML) the fake cannot run; the message names the field and the fix. */
export class PipelineDefinitionError extends FakeGitLabError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PipelineDefinitionError';
  }
}

/** The fake GitLab's command line is wrong: the message names the flag and the fix. */
export class FakeGitLabUsageError extends FakeGitLabError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FakeGitLabUsageError';
  }
}

/** A state inspection or mutation named something that does not exist (project, job, runner). */
export class FakeGitLabNotFoundError extends FakeGitLabError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FakeGitLabNotFoundError';
  }
}

/**
 * An HTTP answer other than success, thrown by route handlers and written by the server as GitLab's
 * `{"message": …}` body with `headers`.
 */
export class FakeHttpError extends FakeGitLabError {
  public readonly status: number;
  public readonly headers: Readonly<Record<string, string>>;

  public constructor(status: number, message: string, headers: Readonly<Record<string, string>> = {}) {
    super(message);
    this.name = 'FakeHttpError';
    this.status = status;
    this.headers = headers;
  }
}
