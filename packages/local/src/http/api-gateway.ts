import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isRecord } from '../json.ts';
import type { LocalRequest, LocalResponse } from './http-server.ts';

/** What the local HTTP API says about itself in `requestContext`. */
export interface HttpApiSettings {
  readonly apiId: string;
  readonly account: string;
  /** The route, e.g. `POST /webhook`. */
  readonly routeKey: string;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|[\w.+-]+\+json))/i;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, API Gateway's `requestContext.time`. */
const requestTime = (date: Date): string => {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
};

const headersOf = (request: LocalRequest): Record<string, string> =>
  Object.fromEntries(
    Object.entries(request.headers)
      .filter(
        (entry): entry is [string, string | string[]] => entry[1] !== undefined && entry[0] !== 'cookie',
      )
      .map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(',') : value]),
  );

const queryParameters = (rawQueryString: string): Record<string, string> | undefined => {
  if (!rawQueryString) return undefined;
  const grouped = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(rawQueryString))
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  return Object.fromEntries([...grouped].map(([key, values]) => [key, values.join(',')]));
};

/**
 * The event an HTTP API (payload format 2.0) gives a Lambda proxy integration for a request:
 * lower-cased headers (repeated ones joined with commas), cookies apart, `rawPath`,
 * `rawQueryString`, `requestContext.http`, and the body as text, or base64 when it is not text.
 */
export const toApiGatewayEvent = (
  request: LocalRequest,
  settings: HttpApiSettings,
  now = new Date(),
): APIGatewayProxyEventV2 => {
  const headers = headersOf(request);
  const cookies = request.headers.cookie?.split(';').map((cookie) => cookie.trim());
  const query = queryParameters(request.rawQueryString);
  const host = headers.host ?? '127.0.0.1';
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const hasBody = request.body.length > 0;
  return {
    version: '2.0',
    routeKey: settings.routeKey,
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: settings.account,
      apiId: settings.apiId,
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp.replace(/^::ffff:/, ''),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: settings.routeKey,
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(hasBody ? { body: request.body.toString(isText ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: hasBody && !isText,
  };
};

/**
 * The HTTP response API Gateway makes of a handler's result (payload format 2.0): a result with a
 * `statusCode` is used as given; anything else becomes a 200 JSON response of that value.
 */
export const fromApiGatewayResult = (result: unknown): LocalResponse => {
  if (!isRecord(result) || typeof result.statusCode !== 'number') {
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: typeof result === 'string' ? result : JSON.stringify(result),
    };
  }
  const structured = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = Object.fromEntries(
    Object.entries(structured.headers ?? {}).map(([name, value]) => [name, String(value)]),
  );
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body = structured.body ?? '';
  return {
    status: structured.statusCode ?? 200,
    headers,
    body: structured.isBase64Encoded ? Buffer.from(body, 'base64') : body,
  };
};
