/** Root of every error the local runner throws. */
export class LocalRunnerError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalRunnerError';
  }
}

/** GitLab answered the runner in a way the job protocol does not allow (status or body). */
export class JobProtocolError extends LocalRunnerError {
  public readonly status: number;

  public constructor(message: string, status: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'JobProtocolError';
    this.status = status;
  }
}

/** Invalid command-line arguments or environment; the message names the flag and the fix. */
export class RunnerUsageError extends LocalRunnerError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RunnerUsageError';
  }
}
