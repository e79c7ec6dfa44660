export { type CapacityLimits, type CapacityOutcome, reserveCapacity } from './capacity.ts';
export { type ClaimOutcome, type ClaimReason, claimJob } from './claim-job.ts';
export {
  type IndexedClaimStatus,
  type JobRestarter,
  jobRefOf,
  type RunnerStateQueries,
  type RunnerTeardown,
  restartInput,
} from './clean-up-ports.ts';
export {
  type CleanUpDependencies,
  type CleanUpOutcome,
  type CleanUpRequest,
  cleanUpRunner,
  isLive,
} from './clean-up-runner.ts';
export {
  EC2_CAPACITY_ERROR_CODES,
  type Ec2LaunchAttempt,
  ec2LaunchAttempts,
  isEc2CapacityErrorCode,
  type PurchaseOption,
} from './ec2-launch-attempts.ts';
export { Ec2CapacityError, LIFECYCLE_ERROR_NAMES, RunnerLaunchError } from './errors.ts';
export {
  type FinishedJob,
  type FinishJobDependencies,
  type FinishJobOutcome,
  finishJob,
} from './job-finished.ts';
export {
  type OrphanedJob,
  type RecordJobRunningDependencies,
  type RecordJobRunningOutcome,
  type RunningJob,
  recordJobRunning,
  tagsCover,
} from './job-running.ts';
export { type PlanJobDependencies, planJob } from './plan-job.ts';
export type {
  Clock,
  ConditionalOutcome,
  JobClaimChanges,
  RegisteredRunner,
  RunnerChanges,
  RunnerLaunch,
  RunnerLauncher,
  RunnerRegistry,
  RunnerStateStore,
} from './ports.ts';
export {
  type ReaperAction,
  type ReaperDependencies,
  type ReaperGitLab,
  RULES_NEEDING_GITLAB,
  reap,
} from './reap.ts';
export {
  actsWithoutGitLab,
  type ClaimReason as ReaperClaimReason,
  isOrphanInstance,
  judgeClaim,
  judgeRunnerRecord,
  type ManagedInstance,
  type ReaperSettings,
  type RunnerRecordReason,
} from './reaper-rules.ts';
export { recordStartFailure, type StartFailure } from './record-failure.ts';
export {
  type JobClaimRecord,
  type JobClaimStatus,
  type JobRef,
  LIVE_RUNNER_STATUSES,
  type RunnerRecord,
  type RunnerStatus,
} from './records.ts';
export { type ForeignRunnerReason, findEventRunner } from './runner-event.ts';
export {
  type SkippedRunner,
  type StartedRunner,
  type StartRunnerDependencies,
  startRunner,
} from './start-runner.ts';
