import { GITLAB_ERROR_NAMES } from '@glr/gitlab';
import { LAMBDA_SERVICE_ERROR_NAMES } from './error-names.ts';

/** Errors of the Step Functions `startExecution` integration the StopRunner and JobRunning flows retry. */
export const START_EXECUTION_ERROR_NAMES = [
  'StepFunctions.ExecutionLimitExceeded',
  'StepFunctions.SdkClientException',
  'StepFunctions.AWSStepFunctionsException',
] as const;

/**
 * Every error name the StopRunner and JobRunning state machines may match besides `States.*`: a test
 * fails when their ASL names one that is not here.
 */
export const LIFECYCLE_FLOW_ERROR_NAMES: readonly string[] = [
  ...LAMBDA_SERVICE_ERROR_NAMES,
  ...Object.values(GITLAB_ERROR_NAMES),
  ...START_EXECUTION_ERROR_NAMES,
];
