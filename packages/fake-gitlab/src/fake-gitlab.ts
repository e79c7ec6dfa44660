import { FaultInjector, type FaultSpec } from './faults.ts';
import type { AccessTokenSpec, FakeGroup, FakeJob, FakeProject, FakeRunner } from './model.ts';
import { runnerQueryRoutes } from './routes/runner-queries.ts';
import { runnerRegistrationRoutes } from './routes/runner-registration.ts';
import { listen, type RecordedRequest } from './server.ts';
import { FakeStore } from './store.ts';

/** Settings of {@link startFakeGitLab}. */
export interface FakeGitLabOptions {
  /** Interface to listen on (default `127.0.0.1`). */
  readonly host?: string;
  /** Port (default 0: any free port). */
  readonly port?: number;
  /** Access tokens accepted in `PRIVATE-TOKEN`. */
  readonly accessTokens?: readonly AccessTokenSpec[];
  /** Legacy registration token; absent or null means registration is disabled (410). */
  readonly registrationToken?: string | null;
  /** Groups (default: `7 platform`). */
  readonly groups?: readonly FakeGroup[];
  /** Projects (default: `42 platform/ephemeral-demo`). */
  readonly projects?: readonly FakeProject[];
}

/** A running fake GitLab. */
export interface FakeGitLab {
  /** Base URL, e.g. `http://127.0.0.1:38211`. */
  readonly url: string;
  /** Stops the server and every timer. */
  close(): Promise<void>;
  /** Every request answered so far (method, path, status), oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Arms a fault for the next matching requests. */
  injectFault(spec: FaultSpec): void;
  /** Disarms every fault. */
  clearFaults(): void;
  /** Adds an access token. */
  addAccessToken(spec: AccessTokenSpec): void;
  /** Sets (or with null disables) the legacy registration token. */
  setRegistrationToken(token: string | null): void;
  /** Current runners. */
  runners(): readonly FakeRunner[];
  /** A runner by id, if it still exists. */
  runner(id: number): FakeRunner | undefined;
  /** Every job, oldest first. */
  jobs(): readonly FakeJob[];
  /** A job by id. */
  job(id: number): FakeJob | undefined;
}

/** The group and project a fake starts with when given none. */
export const DEFAULT_GROUP: FakeGroup = { id: 7, name: 'Platform', path: 'platform' };
export const DEFAULT_PROJECT: FakeProject = {
  id: 42,
  name: 'ephemeral-demo',
  path: 'ephemeral-demo',
  groupId: 7,
};

/** Starts a fake GitLab on loopback. Close it after use. */
export const startFakeGitLab = async (options: FakeGitLabOptions = {}): Promise<FakeGitLab> => {
  const store = new FakeStore();
  for (const group of options.groups ?? [DEFAULT_GROUP]) store.groups.set(group.id, group);
  for (const project of options.projects ?? [DEFAULT_PROJECT]) store.projects.set(project.id, project);
  store.accessTokens.push(...(options.accessTokens ?? []));
  store.registrationToken = options.registrationToken ?? null;
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  let url = '';
  const routes = [...runnerRegistrationRoutes(store), ...runnerQueryRoutes(store, () => url)];
  const server = await listen({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    routes: () => routes,
    faults,
    requests,
  });
  url = server.url;

  return {
    url,
    close: () => server.close(),
    requests,
    injectFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    addAccessToken: (spec) => {
      store.accessTokens.push(spec);
    },
    setRegistrationToken: (token) => {
      store.registrationToken = token;
    },
    runners: () => [...store.runners.values()],
    runner: (id) => store.runners.get(id),
    jobs: () => [...store.jobs.values()],
    job: (id) => store.jobs.get(id),
  };
};
