import type { JobEventRunner } from '../job-event/index.ts';
import { parseRunnerName } from '../runner-name.ts';
import type { RunnerStateStore } from './ports.ts';
import type { RunnerRecord } from './records.ts';

/** Why an event's runner is left alone. */
export type ForeignRunnerReason = 'not-a-glr-name' | 'no-record' | 'gitlab-id-mismatch';

/**
 * The record of the runner a `running` or finished event names, or why it is not one of ours: its
 * description is not a `glr-` name, no record has that name, or the record knows another GitLab id
 * (a forged or confused event must never reach our runners' instances).
 */
export const findEventRunner = async (
  store: RunnerStateStore,
  runner: Pick<JobEventRunner, 'id' | 'description'>,
): Promise<{ readonly record: RunnerRecord } | { readonly foreign: ForeignRunnerReason }> => {
  if (!parseRunnerName(runner.description)) return { foreign: 'not-a-glr-name' };
  const record = await store.getRunner(runner.description);
  if (!record) return { foreign: 'no-record' };
  if (record.gitlabRunnerId !== undefined && record.gitlabRunnerId !== runner.id) {
    return { foreign: 'gitlab-id-mismatch' };
  }
  return { record };
};
