import { requireAccessToken, requireAdmin } from '../auth.ts';
import { jobEntity, runnerEntity } from '../entities.ts';
import { FakeHttpError } from '../errors.ts';
import type { RouteRequest } from '../http.ts';
import type { FakeRunner } from '../model.ts';
import { paginate } from '../pagination.ts';
import { idParam, type Route, route } from '../router.ts';
import type { FakeStore } from '../store.ts';

/** Read-only runner and job queries: runner lists, a runner's jobs, one job of a project. */
export const runnerQueryRoutes = (store: FakeStore, baseUrl: () => string): Route[] => {
  const listRunners = (request: RouteRequest, include: (runner: FakeRunner) => boolean) =>
    paginate(
      request,
      [...store.runners.values()].filter(include).map((runner) => runnerEntity(runner)),
    );
  const readScopes = ['read_api', 'manage_runner'] as const;

  return [
    route('GET', '/api/v4/runners/all', (request) => {
      requireAdmin(requireAccessToken(store, request, readScopes));
      return listRunners(request, () => true);
    }),
    route('GET', '/api/v4/groups/:id/runners', (request) => {
      requireAccessToken(store, request, readScopes);
      const group = store.groups.get(idParam(request, 0));
      if (!group) throw new FakeHttpError(404, '404 Group Not Found');
      return listRunners(
        request,
        (runner) => runner.runnerType === 'instance_type' || runner.groupId === group.id,
      );
    }),
    route('GET', '/api/v4/projects/:id/runners', (request) => {
      requireAccessToken(store, request, readScopes);
      const projectId = idParam(request, 0);
      if (!store.projects.has(projectId)) throw new FakeHttpError(404, '404 Project Not Found');
      return listRunners(request, (runner) => store.runnerServesProject(runner, projectId));
    }),
    route('GET', '/api/v4/runners/:id/jobs', (request) => {
      requireAccessToken(store, request, readScopes);
      const runnerId = idParam(request, 0);
      if (!store.runners.has(runnerId)) throw new FakeHttpError(404, '404 Runner Not Found');
      const status = request.query.get('status');
      const jobs = [...store.jobs.values()].filter(
        (job) => job.runner?.id === runnerId && (status === null || job.status === status),
      );
      return paginate(
        request,
        jobs.map((job) => jobEntity(store, job, baseUrl())),
      );
    }),
    route('GET', '/api/v4/projects/:id/jobs/:job_id', (request) => {
      requireAccessToken(store, request, ['read_api']);
      const job = store.jobs.get(idParam(request, 1));
      if (!job || job.projectId !== idParam(request, 0)) throw new FakeHttpError(404, '404 Not found');
      return { status: 200, body: jobEntity(store, job, baseUrl()) };
    }),
  ];
};
