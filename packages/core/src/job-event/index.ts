export {
  JOB_EVENT_DETAIL_TYPE,
  JOB_EVENT_SOURCE,
  JOB_EVENT_VERSION,
  JOB_STATUSES,
  type JobEvent,
  type JobEventRunner,
  type JobStatus,
  TERMINAL_JOB_STATUSES,
} from './job-event.ts';
export { GITLAB_HEADERS, JOB_HOOK_EVENT, JOB_HOOK_OBJECT_KIND } from './job-hook-headers.ts';
export { type JobHook, jobHookSchema } from './job-hook-schema.ts';
export { type JobHookDelivery, normaliseJobHook } from './normalise-job-hook.ts';
export { parseGitLabTimestamp } from './timestamp.ts';
