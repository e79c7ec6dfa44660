import { recordingLogger } from '@glr/test-support';
import { describe, expect, it } from 'vitest';
import { type ManagedInstance, type ReaperAction, RULES_NEEDING_GITLAB, reap } from '../../../src/index.ts';
import {
  answeringGitLab,
  type GitLabAnswers,
  inMemoryStateStore,
  instancesOf,
  jobClaim,
  jobRef,
  REAPER_SETTINGS,
  recordingRestarter,
  recordingTeardown,
  runnerRecord,
  testClock,
} from './support/in-memory-ports.ts';

const settings = REAPER_SETTINGS;

/** A reaper `secondsLater` after T0 over `store`, with GitLab answering `answers`. */
const setUp = (
  options: { answers?: GitLabAnswers; instances?: ManagedInstance[]; secondsLater?: number } = {},
) => {
  const store = inMemoryStateStore();
  const clock = testClock();
  clock.advance(options.secondsLater ?? 3600);
  const teardown = recordingTeardown();
  const gitlab = answeringGitLab(options.answers ?? {});
  const restarter = recordingRestarter();
  const reported: ReaperAction[] = [];
  const logger = recordingLogger();
  const deps = {
    store,
    teardown,
    listManagedInstances: instancesOf(options.instances ?? []),
    gitlab,
    restarter,
    clock: clock.now,
    logger,
    report: (action: ReaperAction) => reported.push(action),
  };
  return { deps, store, teardown, gitlab, restarter, reported, logger };
};
const summary = (actions: readonly ReaperAction[]) =>
  actions.map(({ action, reason, target }) => `${action} ${reason} ${target}`);

describe('reap: live records past a deadline', () => {
  it('cleans up a runner that never took a job when GitLab says it is idle, and keeps a busy one', async () => {
    const { deps, store, teardown } = setUp({ answers: { busyRunnerIds: [502] } });
    store.runners.set('glr-1-aaaaaa', runnerRecord({ runnerName: 'glr-1-aaaaaa', gitlabRunnerId: 501 }));
    store.runners.set(
      'glr-2-bbbbbb',
      runnerRecord({ runnerName: 'glr-2-bbbbbb', jobId: 2, gitlabRunnerId: 502 }),
    );
    store.capacity.set('LAMBDA', 2);

    const actions = await reap(deps, settings);

    expect(summary(actions)).toEqual([
      'clean-up-runner never-picked-up glr-1-aaaaaa',
      'keep-busy-runner never-picked-up-but-busy glr-2-bbbbbb',
    ]);
    expect(teardown.calls).toEqual(['gitlab:glr-1-aaaaaa']);
    expect(store.runners.get('glr-1-aaaaaa')).toMatchObject({
      status: 'done',
      cleanUpReason: 'never-picked-up',
    });
    expect(await store.capacityInUse('LAMBDA')).toBe(1);
  });

  it('fails a record stuck in creating', async () => {
    const { deps, store } = setUp();
    store.runners.set(
      'glr-1-aaaaaa',
      runnerRecord({ runnerName: 'glr-1-aaaaaa', status: 'creating', gitlabRunnerId: undefined }),
    );

    expect(summary(await reap(deps, settings))).toEqual(['clean-up-runner stuck-creating glr-1-aaaaaa']);
    expect(store.runners.get('glr-1-aaaaaa')?.status).toBe('failed');
  });

  it('without an access token acts only where GitLab need not be asked, and says so once per pass', async () => {
    const { deps, store, logger } = setUp({ answers: { noAccessToken: true }, secondsLater: 2000 });
    store.claims.set(3, jobClaim({ jobId: 3, status: 'failed' }));
    store.runners.set('glr-1-aaaaaa', runnerRecord({ runnerName: 'glr-1-aaaaaa' }));
    store.runners.set(
      'glr-2-bbbbbb',
      runnerRecord({
        runnerName: 'glr-2-bbbbbb',
        jobId: 2,
        status: 'running',
        pickedAt: '2026-03-02T10:00:00.000Z',
      }),
    );

    expect(summary(await reap(deps, settings))).toEqual([
      'keep-busy-runner never-picked-up-but-busy glr-1-aaaaaa',
      'clean-up-runner finished-event-missed glr-2-bbbbbb',
    ]);
    expect(store.runners.get('glr-1-aaaaaa')?.status).toBe('started');
    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings.map((line) => line.message)).toEqual([
      'No GitLab access token: this pass skips the rules that need GitLab',
      'Cannot read the job from GitLab: leaving its claim',
    ]);
    expect(warnings[0]?.extra).toEqual({ skipped: RULES_NEEDING_GITLAB });
  });

  it('says nothing of skipped rules when it has an access token', async () => {
    const { deps, logger } = setUp();

    await reap(deps, settings);

    expect(logger.lines.filter((line) => line.level === 'warn')).toEqual([]);
  });
});

describe('reap: what no live record accounts for', () => {
  const launched = '2026-03-02T10:00:00.000Z';

  it('terminates an orphan managed instance and deletes its token, but not one whose runner lives or is busy', async () => {
    const instances: ManagedInstance[] = [
      { instanceId: 'i-orphan', runnerName: 'glr-8-gone00', launchedAt: launched },
      { instanceId: 'i-live', runnerName: 'glr-1-aaaaaa', launchedAt: launched },
      { instanceId: 'i-busy', runnerName: 'glr-9-busy00', launchedAt: launched },
    ];
    const { deps, store, teardown } = setUp({
      instances,
      secondsLater: 700,
      answers: { busyRunnerIds: [909], productRunners: [{ id: 909, description: 'glr-9-busy00' }] },
    });
    store.runners.set(
      'glr-1-aaaaaa',
      runnerRecord({ runnerName: 'glr-1-aaaaaa', kind: 'EC2', instanceId: 'i-live' }),
    );

    expect(summary(await reap(deps, settings))).toEqual([
      'terminate-instance no-live-record i-orphan',
      'keep-busy-runner orphan-instance-but-busy i-busy',
      'keep-busy-runner no-live-record-but-busy 909',
    ]);
    expect(teardown.calls).toEqual(['terminate:i-orphan', 'token:i-orphan']);
  });

  it('deletes glr- GitLab runners with no record or a finished one, and nothing else', async () => {
    const { deps, store, gitlab } = setUp({
      answers: {
        productRunners: [
          { id: 1, description: 'glr-1-nores0' },
          { id: 2, description: 'glr-2-done00' },
          { id: 3, description: 'glr-3-live00' },
          { id: 4, description: 'someone-elses-runner' },
        ],
      },
      secondsLater: 60,
    });
    store.runners.set('glr-2-done00', runnerRecord({ runnerName: 'glr-2-done00', status: 'done' }));
    store.runners.set('glr-3-live00', runnerRecord({ runnerName: 'glr-3-live00' }));

    expect(summary(await reap(deps, settings))).toEqual([
      'delete-gitlab-runner no-record 1',
      'delete-gitlab-runner record-done 2',
    ]);
    expect(gitlab.deleted).toEqual([1, 2]);
  });
});

describe('reap: claims and waiting jobs', () => {
  it('restarts a failed start whose job GitLab still has pending', async () => {
    const { deps, store, restarter } = setUp({ answers: { jobStatuses: { 1: 'pending' } } });
    store.claims.set(1, jobClaim({ status: 'failed', failure: 'RunnerLaunchError' }));

    expect(summary(await reap(deps, settings))).toEqual(['restart-job start-failed 1']);
    expect(restarter.restarted).toEqual([jobRef(1)]);
  });

  it('fails a claim whose start flow died, then restarts it', async () => {
    const { deps, store, restarter } = setUp({ answers: { jobStatuses: { 1: 'pending' } } });
    store.claims.set(1, jobClaim({ status: 'claimed' }));

    await reap(deps, settings);

    expect(store.claims.get(1)).toMatchObject({ status: 'failed', failure: 'start-flow-stuck' });
    expect(restarter.restarted).toEqual([jobRef(1)]);
  });

  it('abandons a job after the maximum number of starts', async () => {
    const { deps, store, restarter } = setUp({ answers: { jobStatuses: { 1: 'pending' } } });
    store.claims.set(1, jobClaim({ status: 'failed', attempts: 3 }));

    expect(summary(await reap(deps, settings))).toEqual(['abandon-job start-failed-after-3-attempts 1']);
    expect(store.claims.get(1)?.status).toBe('abandoned');
    expect(restarter.restarted).toEqual([]);
  });

  it('finishes a claim whose job GitLab reports finished, and leaves it when GitLab cannot tell', async () => {
    const { deps, store, restarter, logger } = setUp({ answers: { jobStatuses: { 1: 'canceled' } } });
    store.claims.set(1, jobClaim({ status: 'failed' }));
    store.claims.set(2, jobClaim({ jobId: 2, status: 'failed' }));

    expect(summary(await reap(deps, settings))).toEqual(['finish-job start-failed-job-canceled 1']);
    expect(store.claims.get(1)).toMatchObject({ status: 'finished', finishedStatus: 'canceled' });
    expect(store.claims.get(2)?.status).toBe('failed');
    expect(restarter.restarted).toEqual([]);
    expect(logger.lines.map((line) => line.message)).toContain(
      'Cannot read the job from GitLab: leaving its claim',
    );
  });

  it('starts waiting jobs oldest first, only as many as the free capacity of their kind', async () => {
    const { deps, store, restarter } = setUp({ secondsLater: 10 });
    const waiting = (jobId: number, minute: number) =>
      jobClaim({
        jobId,
        status: 'waiting',
        waitingFor: 'LAMBDA',
        updatedAt: `2026-03-02T10:0${minute}:00.000Z`,
      });
    store.claims.set(11, waiting(11, 3)).set(12, waiting(12, 1)).set(13, waiting(13, 2));
    store.capacity.set('LAMBDA', 1);

    await reap(deps, settings);

    expect(restarter.restarted.map((job) => job.jobId)).toEqual([12, 13]);
  });

  it('in dry run reports every action and changes nothing', async () => {
    const { deps, store, teardown, restarter, reported } = setUp({
      answers: { jobStatuses: { 2: 'pending' } },
    });
    store.runners.set('glr-1-aaaaaa', runnerRecord({ runnerName: 'glr-1-aaaaaa' }));
    store.claims.set(2, jobClaim({ jobId: 2, status: 'failed' }));

    const actions = await reap(deps, { ...settings, dryRun: true });

    expect(summary(actions)).toEqual([
      'clean-up-runner never-picked-up glr-1-aaaaaa',
      'restart-job start-failed 2',
    ]);
    expect(reported.every((action) => action.dryRun)).toBe(true);
    expect(teardown.calls).toEqual([]);
    expect(restarter.restarted).toEqual([]);
    expect(store.runners.get('glr-1-aaaaaa')?.status).toBe('started');
  });
});
