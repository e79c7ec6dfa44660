import { createRunnerStateTable, type RunnerStateTable } from '@glr/aws';

/** The runner state table named in a function's settings, with their retention. */
export const stateTableFrom = (config: {
  readonly GLR_STATE_TABLE_NAME: string;
  readonly GLR_STATE_RETENTION_DAYS: number;
}): RunnerStateTable =>
  createRunnerStateTable({
    tableName: config.GLR_STATE_TABLE_NAME,
    retentionSeconds: config.GLR_STATE_RETENTION_DAYS * 24 * 3600,
  });
