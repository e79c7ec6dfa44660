/** Root of every error the AWS adapters throw. */
export class AwsAdapterError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AwsAdapterError';
  }
}

/** An event could not be put on an EventBridge bus (call failed, or the entry was rejected). */
export class EventPublishError extends AwsAdapterError {
  /** EventBridge's `ErrorCode` for a rejected entry, e.g. `ThrottlingException`. */
  public readonly errorCode: string | undefined;

  public constructor(message: string, options?: ErrorOptions & { errorCode?: string }) {
    super(message, options);
    this.name = 'EventPublishError';
    this.errorCode = options?.errorCode;
  }
}

/** A required SSM parameter does not exist. The message says how to create it. */
export class MissingParameterError extends AwsAdapterError {
  public readonly parameterName: string;

  public constructor(parameterName: string, options?: ErrorOptions) {
    super(
      `SSM parameter ${parameterName} does not exist: create it with ` +
        `aws ssm put-parameter --name ${parameterName} --type SecureString --value <value>`,
      options,
    );
    this.name = 'MissingParameterError';
    this.parameterName = parameterName;
  }
}

/** An SSM parameter could not be read (access denied, throttled, network). */
export class ParameterReadError extends AwsAdapterError {
  public readonly parameterName: string;

  public constructor(parameterName: string, options?: ErrorOptions) {
    super(`SSM parameter ${parameterName} could not be read`, options);
    this.name = 'ParameterReadError';
    this.parameterName = parameterName;
  }
}
