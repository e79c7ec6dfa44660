import type {
  Clock,
  ConditionalOutcome,
  JobClaimRecord,
  JobRef,
  JobRestarter,
  ManagedInstance,
  ReaperGitLab,
  ReaperSettings,
  RegisteredRunner,
  RunnerKind,
  RunnerLaunch,
  RunnerLauncher,
  RunnerPlan,
  RunnerRecord,
  RunnerRegistry,
  RunnerStateQueries,
  RunnerStateStore,
  RunnerTeardown,
} from '../../../../src/index.ts';

/** The reaper's settings in these tests: 15 minutes to pick a job, 10 to be stuck, 6 hours at most. */
export const REAPER_SETTINGS: ReaperSettings = {
  pickupTimeoutSeconds: 900,
  maxLifetimeSeconds: 6 * 3600,
  stuckAfterSeconds: 600,
  maxStartAttempts: 3,
  limits: { LAMBDA: 3, EC2: 1 },
  dryRun: false,
};

/** Every time in these tests starts here. */
export const T0 = '2026-03-02T10:00:00.000Z';

/** A clock the test moves by hand. */
export interface TestClock {
  readonly now: Clock;
  /** Moves the clock `seconds` forward. */
  advance(seconds: number): void;
}

/** A clock at {@link T0}. */
export const testClock = (): TestClock => {
  let current = Date.parse(T0);
  return {
    now: () => new Date(current),
    advance: (seconds) => {
      current += seconds * 1000;
    },
  };
};

/** The runner state table in memory, with the DynamoDB adapter's conditional semantics. */
export interface InMemoryStateStore extends RunnerStateStore, RunnerStateQueries {
  readonly claims: Map<number, JobClaimRecord>;
  readonly runners: Map<string, RunnerRecord>;
  readonly capacity: Map<RunnerKind, number>;
}

const byTime =
  <T>(time: (item: T) => string) =>
  (left: T, right: T) =>
    time(left).localeCompare(time(right));

/** An empty in-memory state store. */
export const inMemoryStateStore = (): InMemoryStateStore => {
  const claims = new Map<number, JobClaimRecord>();
  const runners = new Map<string, RunnerRecord>();
  const capacity = new Map<RunnerKind, number>();
  const LIVE: readonly string[] = ['creating', 'started', 'running'];
  return {
    claims,
    runners,
    capacity,
    putJobClaim: async (record) => {
      if (claims.has(record.jobId)) return 'conflict';
      claims.set(record.jobId, record);
      return 'written';
    },
    getJobClaim: async (jobId) => claims.get(jobId),
    updateJobClaim: async (jobId, from, changes): Promise<ConditionalOutcome> => {
      const current = claims.get(jobId);
      if (!current || !from.includes(current.status)) return 'conflict';
      const { countAttempt, ...fields } = changes;
      const { waitingFor: _dropped, ...rest } = current;
      claims.set(jobId, {
        ...(changes.status === 'waiting' ? current : rest),
        ...fields,
        attempts: current.attempts + (countAttempt ? 1 : 0),
      });
      return 'written';
    },
    putRunner: async (record) => {
      if (runners.has(record.runnerName)) return 'conflict';
      runners.set(record.runnerName, record);
      return 'written';
    },
    getRunner: async (runnerName) => runners.get(runnerName),
    updateRunner: async (runnerName, from, changes) => {
      const current = runners.get(runnerName);
      if (!current || !from.includes(current.status)) return 'conflict';
      runners.set(runnerName, { ...current, ...changes });
      return 'written';
    },
    reserveCapacity: async (kind, maximum) => {
      const live = capacity.get(kind) ?? 0;
      if (live >= maximum) return false;
      capacity.set(kind, live + 1);
      return true;
    },
    releaseCapacity: async (kind) => {
      const live = capacity.get(kind) ?? 0;
      if (live > 0) capacity.set(kind, live - 1);
    },
    listWaitingJobs: async (kind, limit) =>
      [...claims.values()]
        .filter((claim) => claim.status === 'waiting' && claim.waitingFor === kind)
        .sort(byTime((claim) => claim.updatedAt))
        .slice(0, limit),
    listLiveRunners: async (kind) =>
      [...runners.values()]
        .filter((runner) => runner.kind === kind && LIVE.includes(runner.status))
        .sort(byTime((runner) => runner.createdAt)),
    listJobClaims: async (status, limit) =>
      [...claims.values()]
        .filter((claim) => claim.status === status)
        .sort(byTime((claim) => claim.updatedAt))
        .slice(0, limit),
    capacityInUse: async (kind) => capacity.get(kind) ?? 0,
  };
};

/** A GitLab runner registry in memory: the runners it holds, and a switch to fail creation. */
export interface InMemoryRegistry extends RunnerRegistry {
  readonly runners: Map<number, { readonly description: string; readonly token: string }>;
  readonly deleted: number[];
  failNextCreate(error: Error): void;
}

/** An empty in-memory runner registry. */
export const inMemoryRegistry = (): InMemoryRegistry => {
  const runners = new Map<number, { description: string; token: string }>();
  const deleted: number[] = [];
  let nextId = 100;
  let failure: Error | undefined;
  return {
    runners,
    deleted,
    failNextCreate: (error) => {
      failure = error;
    },
    create: async ({ runnerName }) => {
      if (failure) {
        const error = failure;
        failure = undefined;
        throw error;
      }
      const runner: RegisteredRunner = { id: nextId++, token: `glrt-secret-${nextId}` };
      runners.set(runner.id, { description: runnerName, token: runner.token });
      return runner;
    },
    delete: async ({ id }) => {
      runners.delete(id);
      deleted.push(id);
    },
  };
};

/** A launcher that records what it was asked to start, and fails when told to. */
export interface RecordingLauncher extends RunnerLauncher {
  readonly launches: RunnerLaunch[];
  failWith(error: Error | undefined): void;
  /** Runs before a launch resolves: lets a test change the world mid-start. */
  beforeLaunch(hook: () => Promise<void>): void;
}

/** A launcher that succeeds (EC2 launches get instance ids `i-<n>`). */
export const recordingLauncher = (): RecordingLauncher => {
  const launches: RunnerLaunch[] = [];
  let failure: Error | undefined;
  let hook: (() => Promise<void>) | undefined;
  return {
    launches,
    failWith: (error) => {
      failure = error;
    },
    beforeLaunch: (next) => {
      hook = next;
    },
    launch: async (launch) => {
      await hook?.();
      if (failure) throw failure;
      launches.push(launch);
      return launch.plan.kind === 'EC2' ? { instanceId: `i-${launches.length}` } : {};
    },
  };
};

/** A teardown that records each call; any step can be made to fail. */
export interface RecordingTeardown extends RunnerTeardown {
  readonly calls: string[];
  failGitLabDeletes(error: Error | undefined): void;
}

/** A teardown where everything succeeds (as "already gone" does). */
export const recordingTeardown = (): RecordingTeardown => {
  const calls: string[] = [];
  let gitlabFailure: Error | undefined;
  return {
    calls,
    failGitLabDeletes: (error) => {
      gitlabFailure = error;
    },
    deleteFromGitLab: async (record) => {
      if (gitlabFailure) throw gitlabFailure;
      calls.push(`gitlab:${record.runnerName}`);
    },
    terminateInstance: async (instanceId) => {
      calls.push(`terminate:${instanceId}`);
    },
    deleteInstanceToken: async (instanceId) => {
      calls.push(`token:${instanceId}`);
    },
  };
};

/** A restarter that records the jobs it restarts. */
export const recordingRestarter = (): JobRestarter & { readonly restarted: JobRef[] } => {
  const restarted: JobRef[] = [];
  return {
    restarted,
    restart: async (job) => {
      restarted.push(job);
    },
  };
};

/** What the reaper's GitLab answers; `undefined` fields answer "cannot tell" (no access token). */
export interface GitLabAnswers {
  busyRunnerIds?: number[];
  productRunners?: { id: number; description: string }[];
  jobStatuses?: Record<number, string>;
  noAccessToken?: boolean;
}

/** The reaper's view of GitLab, answering from `answers`; deleted runner ids are kept. */
export const answeringGitLab = (answers: GitLabAnswers): ReaperGitLab & { readonly deleted: number[] } => {
  const deleted: number[] = [];
  const known = <T>(value: T) => (answers.noAccessToken ? undefined : value);
  return {
    deleted,
    hasAccessToken: async () => !answers.noAccessToken,
    runnerBusy: async (id) => known((answers.busyRunnerIds ?? []).includes(id)),
    listProductRunners: async () => known(answers.productRunners ?? []),
    jobStatus: async ({ jobId }) => known(answers.jobStatuses?.[jobId]),
    deleteRunner: async (id) => {
      deleted.push(id);
    },
  };
};

/** A managed instance list in memory. */
export const instancesOf =
  (instances: ManagedInstance[]): (() => Promise<readonly ManagedInstance[]>) =>
  async () =>
    instances;

/** A job reference for job `jobId` of project 42, pending at {@link T0}. */
export const jobRef = (jobId: number, jobName = 'build'): JobRef => ({
  jobId,
  jobName,
  projectId: 42,
  pendingAt: T0,
});

/** The function of {@link lambdaPlan}. */
export const RUNNER_FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:glr-runner-node';

/** A Lambda runner plan. */
export const lambdaPlan = (tags: string[] = ['node']): RunnerPlan => ({
  kind: 'LAMBDA',
  functionArn: RUNNER_FUNCTION_ARN,
  tags,
  runUntagged: tags.length === 0,
  maximumTimeout: 840,
  source: 'mapping',
  tagsFromApi: false,
});

/** An EC2 runner plan. */
export const ec2Plan = (tags: string[] = ['docker']): RunnerPlan => ({
  kind: 'EC2',
  ec2: { instanceTypes: ['m7i.large'] },
  tags,
  runUntagged: tags.length === 0,
  maximumTimeout: 3600,
  source: 'mapping',
  tagsFromApi: false,
});

/** A runner record, `started` for job 1 at {@link T0}, with `fields` over it. */
export const runnerRecord = (fields: Partial<RunnerRecord> = {}): RunnerRecord => ({
  runnerName: 'glr-1-abcdef',
  kind: 'LAMBDA',
  jobId: 1,
  projectId: 42,
  status: 'started',
  tags: ['node'],
  maximumTimeout: 840,
  planSource: 'mapping',
  createdAt: T0,
  updatedAt: T0,
  startedAt: T0,
  gitlabRunnerId: 501,
  ...fields,
});

/** A job claim of job 1, `started` at {@link T0}, with `fields` over it. */
export const jobClaim = (fields: Partial<JobClaimRecord> = {}): JobClaimRecord => ({
  ...jobRef(1),
  status: 'started',
  claimedAt: T0,
  updatedAt: T0,
  attempts: 1,
  ...fields,
});
