import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A webhook request as the pipeline reads it. */
export interface WebhookRequest {
  /** Header values by lower-case name; repeated headers joined with `,` as API Gateway does. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The raw body bytes, base64-decoded when API Gateway encoded them. */
  readonly body: Buffer;
}

/** Reads headers (case-insensitively) and the raw body of an HTTP API (payload v2) event. */
export const readRequest = (event: APIGatewayProxyEventV2): WebhookRequest => ({
  headers: lowerCaseHeaders(event.headers ?? {}),
  body: Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8'),
});

const lowerCaseHeaders = (headers: Record<string, string | undefined>): Record<string, string> => {
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    merged[key] = merged[key] === undefined ? value : `${merged[key]},${value}`;
  }
  return merged;
};
