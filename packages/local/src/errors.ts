/** Root of every error the local stack throws. */
export class LocalStackError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalStackError';
  }
}

/** An EventBridge event pattern that EventBridge would reject, or that this matcher does not support. */
export class InvalidEventPatternError extends LocalStackError {
  /** Dotted path of the offending part of the pattern, e.g. `detail.status[0].numeric`. */
  public readonly field: string;

  public constructor(field: string, message: string, options?: ErrorOptions) {
    super(`event pattern ${field}: ${message}`, options);
    this.name = 'InvalidEventPatternError';
    this.field = field;
  }
}

/** A template resource the local stack cannot run as written: names the resource, the field and the fix. */
export class TemplateReadError extends LocalStackError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TemplateReadError';
  }
}

/** A state machine Task state that cannot be bound to a local handler. */
export class TaskBindingError extends LocalStackError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TaskBindingError';
  }
}

/** A set-up call to a local AWS emulator (dynalite, moto) failed; `name` is the emulator's error type. */
export class LocalAwsCallError extends LocalStackError {
  /** The operation, e.g. `DynamoDB_20120810.CreateTable`. */
  public readonly operation: string;

  public constructor(operation: string, errorType: string, message: string) {
    super(`${operation}: ${errorType}: ${message}`);
    this.name = errorType;
    this.operation = operation;
  }
}

/**
 * A Lambda handler run in process failed. Its `name` is the handler error's name (the Lambda
 * `errorType`), so ASL `Retry`/`Catch` match it exactly as they would in AWS; its `message` is the
 * `Cause` Step Functions records for a Lambda task: `{"errorType","errorMessage","trace"}` as JSON.
 */
export class LambdaFunctionError extends LocalStackError {
  public readonly errorType: string;
  public readonly errorMessage: string;

  public constructor(error: unknown) {
    const errorType = error instanceof Error ? error.name : 'Error';
    const errorMessage = error instanceof Error ? error.message : String(error);
    const trace =
      error instanceof Error
        ? (error.stack ?? '')
            .split('\n')
            .slice(1)
            .map((line) => line.trim())
        : [];
    super(JSON.stringify({ errorType, errorMessage, trace }), { cause: error });
    this.name = errorType;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
  }
}

/** No local function has that name, ARN or logical id; named like Lambda's own error. */
export class FunctionNotFoundError extends LocalStackError {
  public constructor(nameOrArn: string) {
    super(`no local function named ${nameOrArn}`);
    this.name = 'ResourceNotFoundException';
  }
}

/**
 * A state machine execution failed. Its `name` is the error the execution ended with
 * (`JobAlreadyClaimed`, `States.TaskFailed`, `States.Timeout`), as Step Functions reports it.
 */
export class ExecutionFailedError extends LocalStackError {
  public constructor(machine: string, error: unknown) {
    // aws-local-stepfunctions wraps the state's error in an ExecutionError: report the state's error.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    super(`${machine} failed: ${cause instanceof Error ? cause.name : String(cause)}`, { cause });
    this.name = cause instanceof Error ? cause.name : 'States.Runtime';
  }
}
