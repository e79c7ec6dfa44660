import { requireAccessToken } from '../auth.ts';
import { jobEntity } from '../entities.ts';
import { FakeGitLabNotFoundError, FakeHttpError, PipelineDefinitionError } from '../errors.ts';
import type { RouteRequest, RouteResult } from '../http.ts';
import type { JobLifecycle } from '../lifecycle.ts';
import type { FakeJob, FakePipeline } from '../model.ts';
import { parsePipelineDefinition } from '../pipeline-definition.ts';
import { idParam, type Route, route } from '../router.ts';
import type { FakeStore } from '../store.ts';

/** A pipeline and its jobs, as the admin routes and the CLI show them (no job tokens). */
export const pipelineSummary = (store: FakeStore, pipeline: FakePipeline) => ({
  id: pipeline.id,
  project_id: pipeline.projectId,
  ref: pipeline.ref,
  jobs: pipeline.jobIds
    .map((id) => store.jobs.get(id))
    .filter((job): job is FakeJob => job !== undefined)
    .map((job) => ({ id: job.id, name: job.name, stage: job.stage, tags: job.tags, status: job.status })),
});

/**
 * Pipeline creation and job cancelation: the fake's admin routes (`/fake/...`, no authentication:
 * the fake listens on loopback) and GitLab's `POST /projects/:id/jobs/:job_id/cancel`.
 */
export const pipelineRoutes = (store: FakeStore, lifecycle: JobLifecycle, baseUrl: () => string): Route[] => {
  const createPipeline = (request: RouteRequest): RouteResult => {
    try {
      const definition = parsePipelineDefinition(request.raw.toString('utf8'));
      const pipeline = lifecycle.createPipeline(
        idParam(request, 0),
        definition,
        request.query.get('ref') ?? 'main',
      );
      return { status: 201, body: pipelineSummary(store, pipeline) };
    } catch (error) {
      if (error instanceof PipelineDefinitionError)
        throw new FakeHttpError(400, `400 Bad request - ${error.message}`);
      if (error instanceof FakeGitLabNotFoundError) throw new FakeHttpError(404, '404 Project Not Found');
      throw error;
    }
  };

  const jobOf = (request: RouteRequest, index: number): FakeJob => {
    const job = store.jobs.get(idParam(request, index));
    if (!job) throw new FakeHttpError(404, '404 Not found');
    return job;
  };

  return [
    route('POST', '/fake/projects/:id/pipelines', createPipeline),
    route('POST', '/fake/jobs/:id/cancel', (request) => {
      const job = jobOf(request, 0);
      lifecycle.cancel(job, request.query.get('force') === 'true');
      return { status: 200, body: { id: job.id, status: job.status } };
    }),
    route('POST', '/api/v4/projects/:id/jobs/:job_id/cancel', (request) => {
      requireAccessToken(store, request, []);
      const job = jobOf(request, 1);
      if (job.projectId !== idParam(request, 0)) throw new FakeHttpError(404, '404 Not found');
      lifecycle.cancel(job);
      return { status: 201, body: jobEntity(store, job, baseUrl()) };
    }),
  ];
};
