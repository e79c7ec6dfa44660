import type { LoggerPort } from '../logger.ts';
import { RUNNER_NAME_PREFIX } from '../runner-name.ts';
import type { RunnerKind } from '../runner-plan.ts';
import {
  type JobRestarter,
  jobRefOf,
  type RunnerStateQueries,
  type RunnerTeardown,
} from './clean-up-ports.ts';
import { cleanUpRunner, isLive } from './clean-up-runner.ts';
import type { Clock, RunnerStateStore } from './ports.ts';
import {
  actsWithoutGitLab,
  isOrphanInstance,
  judgeClaim,
  judgeRunnerRecord,
  type ManagedInstance,
  type ReaperSettings,
} from './reaper-rules.ts';
import type { JobClaimRecord } from './records.ts';

/** What the reaper asks GitLab. `undefined` answers mean "cannot tell" (no access token): act on nothing. */
export interface ReaperGitLab {
  /** Whether an access token is set, so GitLab can be asked at all. */
  hasAccessToken(): Promise<boolean>;
  /** Whether the runner has a job in `running` status. */
  runnerBusy(gitlabRunnerId: number): Promise<boolean | undefined>;
  /** The runners named `glr-…` in the configured scope (`projectIds`: the projects runners were made for). */
  listProductRunners(
    projectIds: readonly number[],
  ): Promise<readonly { readonly id: number; readonly description: string }[] | undefined>;
  /** A job's status. */
  jobStatus(job: { readonly projectId: number; readonly jobId: number }): Promise<string | undefined>;
  /** Deletes a runner by id; gone already counts as deleted. */
  deleteRunner(gitlabRunnerId: number): Promise<void>;
}

/** One thing the reaper did (or, in dry-run, would do), with its reason. */
export interface ReaperAction {
  readonly action:
    | 'clean-up-runner'
    | 'terminate-instance'
    | 'delete-gitlab-runner'
    | 'restart-job'
    | 'start-waiting-job'
    | 'finish-job'
    | 'abandon-job'
    | 'keep-busy-runner';
  readonly reason: string;
  /** Runner name, instance id, GitLab runner id or job id. */
  readonly target: string;
  readonly dryRun: boolean;
}

/** What {@link reap} needs. */
export interface ReaperDependencies {
  readonly store: RunnerStateStore & RunnerStateQueries;
  readonly teardown: RunnerTeardown;
  readonly listManagedInstances: () => Promise<readonly ManagedInstance[]>;
  readonly gitlab: ReaperGitLab;
  readonly restarter: JobRestarter;
  readonly clock: Clock;
  readonly logger: LoggerPort;
  /** Told of every action: the handler logs it and counts it in a metric. */
  readonly report: (action: ReaperAction) => void;
}

const KINDS: readonly RunnerKind[] = ['LAMBDA', 'EC2'];

/** What a pass without an access token leaves alone, because only GitLab can say it is safe. */
export const RULES_NEEDING_GITLAB = [
  'idle runners past the pick-up timeout or the maximum lifetime (is it running a job?)',
  'glr- GitLab runners with no live record (they cannot be listed)',
  'orphan instances whose runner GitLab knows (is it running a job?)',
  'claims to restart, finish or abandon (is the job still pending?)',
] as const;
const FINAL_JOB_STATUSES = ['success', 'failed', 'canceled', 'skipped'];

/**
 * One pass of the safety net, in an order where each step sees the previous one's effect: live
 * records past a deadline; managed instances with no live record; `glr-` GitLab runners with no live
 * record; claims whose job GitLab still has pending with no live runner (restarted, or abandoned after
 * `maxStartAttempts`); then waiting jobs, oldest first, into the capacity that is free. Never touches
 * an instance without the `glr:managed` tag (it is never listed) nor a runner GitLab says is busy.
 */
export const reap = async (deps: ReaperDependencies, settings: ReaperSettings): Promise<ReaperAction[]> => {
  const actions: ReaperAction[] = [];
  const act = async (action: Omit<ReaperAction, 'dryRun'>, perform: () => Promise<unknown>) => {
    const done = { ...action, dryRun: settings.dryRun };
    actions.push(done);
    deps.report(done);
    if (!settings.dryRun) await perform();
  };
  const now = deps.clock();
  if (!(await deps.gitlab.hasAccessToken())) {
    deps.logger.warn('No GitLab access token: this pass skips the rules that need GitLab', {
      skipped: RULES_NEEDING_GITLAB,
    });
  }
  const live = (await Promise.all(KINDS.map((kind) => deps.store.listLiveRunners(kind)))).flat();

  // 1. live records past a deadline
  const ended = new Set<string>();
  for (const record of live) {
    const reason = judgeRunnerRecord(record, settings, now);
    if (!reason) continue;
    const busy =
      record.gitlabRunnerId === undefined ? false : await deps.gitlab.runnerBusy(record.gitlabRunnerId);
    if (busy === true || (busy === undefined && !actsWithoutGitLab(reason, record))) {
      await act(
        { action: 'keep-busy-runner', reason: `${reason}-but-busy`, target: record.runnerName },
        async () => {},
      );
      continue;
    }
    ended.add(record.runnerName);
    await act({ action: 'clean-up-runner', reason, target: record.runnerName }, () =>
      cleanUpRunner(deps, record, { reason, finalStatus: reason === 'stuck-creating' ? 'failed' : 'done' }),
    );
  }
  const liveNames = new Set(live.map((record) => record.runnerName).filter((name) => !ended.has(name)));
  const claims = (
    await Promise.all(
      (['claimed', 'started', 'failed'] as const).map((status) => deps.store.listJobClaims(status)),
    )
  ).flat();

  // 2. managed instances no live record accounts for; 3. glr- GitLab runners likewise
  const projectIds = new Set([...live, ...claims].map((item) => item.projectId));
  const productRunners = await deps.gitlab.listProductRunners([...projectIds]);
  const gitlabIds = new Map((productRunners ?? []).map((runner) => [runner.description, runner.id]));
  for (const instance of await deps.listManagedInstances()) {
    const record = instance.runnerName ? await deps.store.getRunner(instance.runnerName) : undefined;
    if (!isOrphanInstance(instance, record, liveNames, settings, now)) continue;
    const gitlabId =
      record?.gitlabRunnerId ?? (instance.runnerName ? gitlabIds.get(instance.runnerName) : undefined);
    if (gitlabId !== undefined && (await deps.gitlab.runnerBusy(gitlabId)) !== false) {
      await act(
        { action: 'keep-busy-runner', reason: 'orphan-instance-but-busy', target: instance.instanceId },
        async () => {},
      );
      continue;
    }
    await act(
      { action: 'terminate-instance', reason: 'no-live-record', target: instance.instanceId },
      async () => {
        await deps.teardown.terminateInstance(instance.instanceId);
        await deps.teardown.deleteInstanceToken(instance.instanceId);
      },
    );
  }
  for (const runner of productRunners ?? []) {
    const name = runner.description;
    if (!name.startsWith(RUNNER_NAME_PREFIX) || liveNames.has(name) || ended.has(name)) continue;
    const record = await deps.store.getRunner(name);
    if (record && isLive(record)) continue;
    if ((await deps.gitlab.runnerBusy(runner.id)) !== false) {
      await act(
        { action: 'keep-busy-runner', reason: 'no-live-record-but-busy', target: String(runner.id) },
        async () => {},
      );
      continue;
    }
    const reason = record ? `record-${record.status}` : 'no-record';
    await act({ action: 'delete-gitlab-runner', reason, target: String(runner.id) }, () =>
      deps.gitlab.deleteRunner(runner.id),
    );
  }

  // 4. claims whose job GitLab still has pending with no live runner
  for (const claim of claims) {
    const runner = claim.runnerName ? await deps.store.getRunner(claim.runnerName) : undefined;
    const runnerLive = runner !== undefined && isLive(runner) && !ended.has(runner.runnerName);
    const reason = judgeClaim(claim, runnerLive, settings, now);
    if (reason) await resolveClaim(deps, settings, act, claim, reason);
  }

  // 5. waiting jobs into free capacity, oldest first
  for (const kind of KINDS) {
    const free = settings.limits[kind] - (await deps.store.capacityInUse(kind));
    if (free <= 0) continue;
    for (const waiting of await deps.store.listWaitingJobs(kind, free)) {
      await act({ action: 'start-waiting-job', reason: 'capacity-free', target: String(waiting.jobId) }, () =>
        deps.restarter.restart(jobRefOf(waiting)),
      );
    }
  }
  return actions;
};

type Act = (action: Omit<ReaperAction, 'dryRun'>, perform: () => Promise<unknown>) => Promise<void>;

/** Restarts, finishes or abandons a claim according to what GitLab says of its job. */
const resolveClaim = async (
  deps: ReaperDependencies,
  settings: ReaperSettings,
  act: Act,
  claim: JobClaimRecord,
  reason: string,
) => {
  const target = String(claim.jobId);
  const gitlabStatus = await deps.gitlab.jobStatus(claim);
  const updatedAt = deps.clock().toISOString();
  if (gitlabStatus && FINAL_JOB_STATUSES.includes(gitlabStatus)) {
    await act({ action: 'finish-job', reason: `${reason}-job-${gitlabStatus}`, target }, () =>
      deps.store.updateJobClaim(claim.jobId, [claim.status], {
        status: 'finished',
        finishedStatus: gitlabStatus,
        finishedAt: updatedAt,
        updatedAt,
      }),
    );
    return;
  }
  if (gitlabStatus !== 'pending') {
    if (gitlabStatus === undefined)
      deps.logger.warn('Cannot read the job from GitLab: leaving its claim', { jobId: claim.jobId, reason });
    return;
  }
  if (claim.attempts >= settings.maxStartAttempts) {
    await act({ action: 'abandon-job', reason: `${reason}-after-${claim.attempts}-attempts`, target }, () =>
      deps.store.updateJobClaim(claim.jobId, [claim.status], {
        status: 'abandoned',
        failure: reason,
        updatedAt,
      }),
    );
    return;
  }
  await act({ action: 'restart-job', reason, target }, async () => {
    if (claim.status !== 'failed') {
      await deps.store.updateJobClaim(claim.jobId, [claim.status], {
        status: 'failed',
        failure: reason,
        updatedAt,
      });
    }
    await deps.restarter.restart(jobRefOf(claim));
  });
};
