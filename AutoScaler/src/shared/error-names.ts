import { LIFECYCLE_ERROR_NAMES } from '@glr/core';
import { GITLAB_ERROR_NAMES } from '@glr/gitlab';

/** Errors Step Functions reports when invoking a Lambda function fails on the service's side. */
export const LAMBDA_SERVICE_ERROR_NAMES = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
] as const;

/**
 * Every error name the StartRunner state machine may match in `Retry`/`Catch` besides `States.*`:
 * a test fails when the ASL names one that is not here (a typo would never match).
 */
export const START_RUNNER_ERROR_NAMES: readonly string[] = [
  ...LAMBDA_SERVICE_ERROR_NAMES,
  ...Object.values(GITLAB_ERROR_NAMES),
  ...Object.values(LIFECYCLE_ERROR_NAMES),
];
