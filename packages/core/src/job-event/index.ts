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
