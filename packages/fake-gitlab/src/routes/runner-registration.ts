import { z } from 'zod';
import { requireAccessToken, requireAdmin } from '../auth.ts';
import { FakeHttpError } from '../errors.ts';
import { jsonBody, type RouteRequest, type RouteResult } from '../http.ts';
import type { FakeRunner, FakeRunnerType } from '../model.ts';
import { idParam, type Route, route } from '../router.ts';
import { type FakeStore, generateToken, secretEquals } from '../store.ts';

const tagListSchema = z
  .union([z.array(z.string()), z.string()])
  .transform((tags) =>
    (Array.isArray(tags) ? tags : tags.split(',')).map((tag) => tag.trim()).filter(Boolean),
  );

const settingsSchema = z.object({
  description: z.string().default(''),
  tag_list: tagListSchema.default([]),
  run_untagged: z.boolean().default(true),
  locked: z.boolean().default(false),
  paused: z.boolean().default(false),
  maximum_timeout: z.number().int().positive().nullable().default(null),
  maintenance_note: z.string().max(1024).nullable().default(null),
});

const userRunnerSchema = settingsSchema.extend({
  runner_type: z.enum(['instance_type', 'group_type', 'project_type']),
  group_id: z.number().int().positive().optional(),
  project_id: z.number().int().positive().optional(),
});

const legacyRunnerSchema = settingsSchema.extend({ token: z.string() });

const parse = <Schema extends z.ZodType>(schema: Schema, request: RouteRequest): z.output<Schema> => {
  const result = schema.safeParse(jsonBody(request));
  if (result.success) return result.data;
  const problem = result.error.issues[0];
  throw new FakeHttpError(400, `400 Bad request - ${problem?.path.join('.') ?? 'body'} is invalid`);
};

/** Runner creation, verification and deletion: `/user/runners`, `/runners`, `/runners/verify`, `/runners/:id`. */
export const runnerRegistrationRoutes = (store: FakeStore): Route[] => {
  const addRunner = (
    settings: z.output<typeof settingsSchema>,
    scope: { runnerType: FakeRunnerType; groupId: number | null; projectId: number | null },
    createdWith: FakeRunner['createdWith'],
  ): RouteResult => {
    const runner: FakeRunner = {
      id: store.allocateRunnerId(),
      token: generateToken('glrt-'),
      description: settings.description,
      ...scope,
      tags: [...new Set(settings.tag_list)].sort(),
      runUntagged: settings.run_untagged,
      locked: settings.locked,
      maximumTimeout: settings.maximum_timeout,
      paused: settings.paused,
      maintenanceNote: settings.maintenance_note,
      createdWith,
      contactedAt: null,
    };
    store.runners.set(runner.id, runner);
    return { status: 201, body: { id: runner.id, token: runner.token, token_expires_at: null } };
  };

  const createUserRunner = (request: RouteRequest): RouteResult => {
    const spec = requireAccessToken(store, request, ['create_runner']);
    const input = parse(userRunnerSchema, request);
    if (input.runner_type === 'instance_type') {
      requireAdmin(spec);
      return addRunner(
        input,
        { runnerType: 'instance_type', groupId: null, projectId: null },
        'access-token',
      );
    }
    if (input.runner_type === 'group_type') {
      if (input.group_id === undefined) throw new FakeHttpError(400, '400 Bad request - group_id is missing');
      if (!store.groups.has(input.group_id)) throw new FakeHttpError(403, '403 Forbidden');
      return addRunner(
        input,
        { runnerType: 'group_type', groupId: input.group_id, projectId: null },
        'access-token',
      );
    }
    if (input.project_id === undefined)
      throw new FakeHttpError(400, '400 Bad request - project_id is missing');
    if (!store.projects.has(input.project_id)) throw new FakeHttpError(403, '403 Forbidden');
    return addRunner(
      input,
      { runnerType: 'project_type', groupId: null, projectId: input.project_id },
      'access-token',
    );
  };

  const registerLegacyRunner = (request: RouteRequest): RouteResult => {
    const input = parse(legacyRunnerSchema, request);
    if (store.registrationToken === null) {
      throw new FakeHttpError(410, '410 Gone - runner registration disallowed');
    }
    if (!secretEquals(store.registrationToken, input.token)) throw new FakeHttpError(403, '403 Forbidden');
    return addRunner(
      input,
      { runnerType: 'instance_type', groupId: null, projectId: null },
      'registration-token',
    );
  };

  const runnerFromBodyToken = (request: RouteRequest): FakeRunner => {
    const token = jsonBody(request).token;
    const runner = typeof token === 'string' ? store.findRunnerByToken(token) : undefined;
    if (!runner) throw new FakeHttpError(403, '403 Forbidden');
    return runner;
  };

  return [
    route('POST', '/api/v4/user/runners', createUserRunner),
    route('POST', '/api/v4/runners', registerLegacyRunner),
    route('DELETE', '/api/v4/runners', (request) => {
      store.runners.delete(runnerFromBodyToken(request).id);
      return { status: 204 };
    }),
    route('POST', '/api/v4/runners/verify', (request) => {
      const body = jsonBody(request);
      const runner = runnerFromBodyToken(request);
      if (runner.token.startsWith('glrt-') && typeof body.system_id !== 'string') {
        throw new FakeHttpError(400, '400 Bad request - system_id is missing');
      }
      return { status: 200, body: { id: runner.id, token: runner.token, token_expires_at: null } };
    }),
    route('DELETE', '/api/v4/runners/:id', (request) => {
      const spec = requireAccessToken(store, request, ['manage_runner']);
      const runner = store.runners.get(idParam(request, 0));
      if (!runner) throw new FakeHttpError(404, '404 Runner Not Found');
      if (runner.runnerType === 'instance_type') requireAdmin(spec);
      store.runners.delete(runner.id);
      return { status: 204 };
    }),
  ];
};
