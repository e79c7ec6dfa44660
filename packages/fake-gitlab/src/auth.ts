import { FakeHttpError } from './errors.ts';
import { header, type RouteRequest } from './http.ts';
import type { AccessTokenScope, AccessTokenSpec } from './model.ts';
import type { FakeStore } from './store.ts';

/**
 * The access token of a request (`PRIVATE-TOKEN`), which must hold one of `scopes` (`api` always
 * counts). 401 without a known token, 403 with a known token that lacks the scope.
 */
export const requireAccessToken = (
  store: FakeStore,
  request: RouteRequest,
  scopes: readonly AccessTokenScope[],
): AccessTokenSpec => {
  const token = header(request, 'private-token');
  const spec = token === undefined ? undefined : store.findAccessToken(token);
  if (!spec) throw new FakeHttpError(401, '401 Unauthorized');
  if (!spec.scopes.some((scope) => scope === 'api' || scopes.includes(scope))) {
    throw new FakeHttpError(
      403,
      `403 Forbidden - insufficient_scope: needs one of ${['api', ...scopes].join(', ')}`,
    );
  }
  return spec;
};

/** 403 unless the token belongs to an administrator. */
export const requireAdmin = (spec: AccessTokenSpec): void => {
  if (!spec.admin) throw new FakeHttpError(403, '403 Forbidden - administrator access required');
};
