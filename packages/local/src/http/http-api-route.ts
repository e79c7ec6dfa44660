import { type LoggerPort, silentLogger } from '@glr/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { fromApiGatewayResult, type HttpApiSettings, toApiGatewayEvent } from './api-gateway.ts';
import { jsonResponse, type LocalRoute } from './http-server.ts';

/** Options of {@link httpApiRoute}. */
export interface HttpApiRouteOptions {
  readonly method: string;
  readonly path: string;
  readonly api: Omit<HttpApiSettings, 'routeKey'>;
  /** Runs the integration's function with the event and returns its result. */
  readonly invoke: (event: APIGatewayProxyEventV2) => Promise<unknown>;
  readonly logger?: LoggerPort;
}

/**
 * One HTTP API route with a Lambda proxy integration: the request becomes a payload 2.0 event,
 * the function's result becomes the response, and a function error becomes API Gateway's own
 * `500 {"message":"Internal Server Error"}`.
 */
export const httpApiRoute = (options: HttpApiRouteOptions): LocalRoute => {
  const routeKey = `${options.method} ${options.path}`;
  const logger = options.logger ?? silentLogger;
  return async (request) => {
    if (request.method !== options.method || request.path !== options.path) return undefined;
    const event = toApiGatewayEvent(request, { ...options.api, routeKey });
    try {
      return fromApiGatewayResult(await options.invoke(event));
    } catch (error) {
      logger.error('integration failed', { routeKey, error: error instanceof Error ? error.name : 'Error' });
      return jsonResponse(500, { message: 'Internal Server Error' });
    }
  };
};
