import type { RouteRequest, RouteResult } from './http.ts';

const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

/**
 * One page of `items` with GitLab's offset-pagination headers (`X-Page`, `X-Per-Page`, `X-Total`,
 * `X-Total-Pages`, `X-Next-Page`, `X-Prev-Page`), from the `page` and `per_page` query parameters.
 */
export const paginate = (request: RouteRequest, items: readonly unknown[]): RouteResult => {
  const perPage = clamp(Number(request.query.get('per_page') ?? DEFAULT_PER_PAGE), 1, MAX_PER_PAGE);
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const page = clamp(Number(request.query.get('page') ?? 1), 1, Number.MAX_SAFE_INTEGER);
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-total': String(items.length),
      'x-total-pages': String(totalPages),
      'x-next-page': page < totalPages ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
    },
  };
};

const clamp = (value: number, min: number, max: number): number =>
  Number.isFinite(value) ? Math.min(max, Math.max(min, Math.trunc(value))) : min;
