import { AwsAdapterError } from './errors.ts';

/** What kind of failure an AWS call hit, for callers that react differently (exit codes, retries). */
export type AwsFailure =
  | 'not-found'
  | 'access-denied'
  | 'credentials'
  | 'throttled'
  | 'unreachable'
  | 'other';

/**
 * An AWS API call failed. The message names the call (`DynamoDB Scan`) and says why in plain words
 * (`table glr-mappings not found in region eu-west-1`); the SDK error is the `cause`.
 */
export class AwsCallError extends AwsAdapterError {
  /** The service and API call, e.g. `DynamoDB BatchWriteItem`. */
  public readonly operation: string;
  public readonly failure: AwsFailure;

  public constructor(operation: string, failure: AwsFailure, reason: string, options?: ErrorOptions) {
    super(`${operation} failed: ${reason}`, options);
    this.name = 'AwsCallError';
    this.operation = operation;
    this.failure = failure;
  }
}

/** A CloudFormation stack exists but lacks the output asked for. */
export class StackOutputMissingError extends AwsAdapterError {
  public constructor(stackName: string, outputKey: string, available: readonly string[]) {
    super(
      `stack ${stackName} has no output ${outputKey} (it has: ${available.join(', ') || 'none'}): ` +
        'check the stack name, or give the value directly',
    );
    this.name = 'StackOutputMissingError';
  }
}

const FAILURES: Readonly<Record<string, AwsFailure>> = {
  ResourceNotFoundException: 'not-found',
  AccessDeniedException: 'access-denied',
  AccessDenied: 'access-denied',
  UnauthorizedOperation: 'access-denied',
  ExpiredToken: 'credentials',
  ExpiredTokenException: 'credentials',
  UnrecognizedClientException: 'credentials',
  InvalidClientTokenId: 'credentials',
  InvalidSignatureException: 'credentials',
  SignatureDoesNotMatch: 'credentials',
  CredentialsProviderError: 'credentials',
  TokenProviderError: 'credentials',
  ProvisionedThroughputExceededException: 'throttled',
  ThrottlingException: 'throttled',
  Throttling: 'throttled',
  RequestLimitExceeded: 'throttled',
  ECONNREFUSED: 'unreachable',
  ENOTFOUND: 'unreachable',
  ECONNRESET: 'unreachable',
  ETIMEDOUT: 'unreachable',
  TimeoutError: 'unreachable',
};

const codeOf = (error: unknown): string => {
  if (!(error instanceof Error)) return 'Error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code in FAILURES ? code : error.name;
};

/**
 * Wraps an SDK error from `operation` in an {@link AwsCallError} with a plain reason.
 * `notFound` says what was missing when the call names a missing resource (`table X not found in
 * region R`); `isNotFound` recognises services that report it otherwise (CloudFormation's
 * `ValidationError: Stack with id X does not exist`).
 */
export const toAwsCallError = (
  operation: string,
  error: unknown,
  notFound: { readonly message: string; readonly isNotFound?: (error: Error) => boolean },
): AwsCallError => {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const failure =
    error instanceof Error && notFound.isNotFound?.(error) ? 'not-found' : (FAILURES[code] ?? 'other');
  const reasons: Record<AwsFailure, string> = {
    'not-found': `${notFound.message} (${code})`,
    'access-denied': `access denied (${code}): ${message}`,
    credentials: `the AWS credentials are missing, invalid or expired (${code}): sign in again or choose another profile`,
    throttled: `throttled by AWS (${code}): try again in a minute`,
    unreachable: `could not reach the AWS endpoint (${code}): ${message}`,
    other: /region is missing/i.test(message)
      ? 'no AWS region is configured: set one (AWS_REGION, or a region in the profile)'
      : `${code}: ${message}`,
  };
  return new AwsCallError(operation, failure, reasons[failure], { cause: error });
};
