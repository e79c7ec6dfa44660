/** Root of every error the Lambda shell runner throws. */
export class LambdaShellRunnerError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LambdaShellRunnerError';
  }
}

/** `gitlab-runner` could not be started at all (missing binary, not executable). */
export class RunnerStartError extends LambdaShellRunnerError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RunnerStartError';
  }
}
