/** One raw GitLab API call against the fake: status, headers and parsed JSON (or text). */
export const apiCall = async (
  baseUrl: string,
  method: string,
  path: string,
  options: { readonly accessToken?: string; readonly body?: unknown } = {},
) => {
  const headers: Record<string, string> = {};
  if (options.accessToken) headers['private-token'] = options.accessToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}/api/v4${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // Plain-text answer: kept as text.
  }
  return {
    status: response.status,
    headers: response.headers,
    json: json as Record<string, unknown> & unknown[],
  };
};

/** Access tokens the tests configure. */
export const TOKENS = {
  owner: 'glpat-owner-000000000000000001',
  admin: 'glpat-admin-000000000000000002',
  reader: 'glpat-reader-00000000000000003',
} as const;

/** The fake's access token settings for {@link TOKENS}. */
export const accessTokens = [
  { token: TOKENS.owner, scopes: ['create_runner', 'manage_runner', 'read_api'] },
  { token: TOKENS.admin, scopes: ['api'], admin: true },
  { token: TOKENS.reader, scopes: ['read_api'] },
] as const;

/** Creates a runner with `POST /user/runners` and returns its id and token. */
export const createRunner = async (baseUrl: string, body: Record<string, unknown>) => {
  const response = await apiCall(baseUrl, 'POST', '/user/runners', {
    accessToken: TOKENS.admin,
    body: { runner_type: 'instance_type', ...body },
  });
  if (response.status !== 201) throw new Error(`runner creation answered ${response.status}`);
  return response.json as unknown as { id: number; token: string };
};
