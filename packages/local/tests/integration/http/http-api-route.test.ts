import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApiRoute } from '../../../src/http/http-api-route.ts';
import { jsonResponse, type LocalHttpServer, startLocalHttpServer } from '../../../src/http/http-server.ts';

const api = { apiId: 'local', account: '000000000000' };

describe('httpApiRoute behind the local HTTP server', () => {
  let server: LocalHttpServer;
  const events: APIGatewayProxyEventV2[] = [];
  let answer: (event: APIGatewayProxyEventV2) => Promise<unknown> = async () => ({
    statusCode: 202,
    body: '',
  });

  beforeAll(async () => {
    server = await startLocalHttpServer({
      routes: [
        httpApiRoute({
          method: 'POST',
          path: '/webhook',
          api,
          invoke: async (event) => {
            events.push(event);
            return answer(event);
          },
        }),
        (request) => (request.path === '/ping' ? jsonResponse(200, { pong: true }) : undefined),
      ],
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives the function a payload 2.0 event with lower-cased headers and a text body', async () => {
    const body = JSON.stringify({ object_kind: 'build' });
    await fetch(`${server.url}/webhook?a=1&a=2`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Gitlab-Event': 'Job Hook', Cookie: 'x=1; y=2' },
      body,
    });
    const event = events.at(-1);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /webhook',
      rawPath: '/webhook',
      rawQueryString: 'a=1&a=2',
      queryStringParameters: { a: '1,2' },
      cookies: ['x=1', 'y=2'],
      body,
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        stage: '$default',
        http: { method: 'POST', path: '/webhook', sourceIp: '127.0.0.1' },
      },
    });
    expect(event?.headers['x-gitlab-event']).toBe('Job Hook');
    expect(event?.headers['content-type']).toBe('application/json');
    expect(event?.headers).not.toHaveProperty('cookie');
    expect(event?.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
  });

  it('base64-encodes a body that is not text', async () => {
    await fetch(`${server.url}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 255]),
    });
    expect(events.at(-1)).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
  });

  it('answers with the status, headers and body the function returns', async () => {
    answer = async () => ({
      statusCode: 401,
      headers: { 'x-reason': 'token' },
      body: '{"message":"Unauthorized"}',
    });
    const response = await fetch(`${server.url}/webhook`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-reason')).toBe('token');
    await expect(response.json()).resolves.toEqual({ message: 'Unauthorized' });
  });

  it('turns a result without statusCode into a 200 JSON response', async () => {
    answer = async () => ({ accepted: true });
    const response = await fetch(`${server.url}/webhook`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ accepted: true });
  });

  it("answers API Gateway's generic 500 when the function fails, with nothing internal", async () => {
    answer = async () => {
      throw new Error('secret detail glpat-should-not-leak');
    };
    const response = await fetch(`${server.url}/webhook`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(500);
    await expect(response.text()).resolves.toBe('{"message":"Internal Server Error"}');
  });

  it('tries the next route, and answers 404 when none matches', async () => {
    expect((await fetch(`${server.url}/webhook`)).status).toBe(404);
    await expect((await fetch(`${server.url}/ping`)).json()).resolves.toEqual({ pong: true });
  });
});
