import { LocalAwsCallError } from '../errors.ts';

/** One call of an AWS JSON-protocol API (DynamoDB, SSM) on a local emulator. */
export interface AwsJsonCall {
  /** Emulator base URL, e.g. `http://127.0.0.1:4567`. */
  readonly endpoint: string;
  /** `X-Amz-Target`, e.g. `DynamoDB_20120810.CreateTable` or `AmazonSSM.PutParameter`. */
  readonly target: string;
  readonly body: Record<string, unknown>;
  /** Credential scope of the placeholder signature (emulators read the region from it). */
  readonly region: string;
  readonly service: string;
  /** The protocol's JSON version: `1.0` for DynamoDB, `1.1` (default) for SSM and EventBridge. */
  readonly jsonVersion?: '1.0' | '1.1';
}

const readJson = async (response: Response): Promise<Record<string, unknown>> => {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return { message: text.slice(0, 200) };
  }
};

/**
 * Calls an emulator's JSON API with `fetch`: the local stack's own set-up calls (create tables, put
 * parameters) need no SDK. The emulators check that a SigV4-shaped Authorization header is present
 * but not the signature, so a placeholder one is sent; never send this to AWS.
 */
export const callAwsJson = async <Result = Record<string, unknown>>(call: AwsJsonCall): Promise<Result> => {
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const response = await fetch(call.endpoint, {
    method: 'POST',
    headers: {
      'content-type': `application/x-amz-json-${call.jsonVersion ?? '1.1'}`,
      'x-amz-target': call.target,
      'x-amz-date': date,
      authorization: `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/${call.region}/${call.service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=local`,
    },
    body: JSON.stringify(call.body),
  });
  const parsed = await readJson(response);
  if (!response.ok) {
    const type =
      String(parsed.__type ?? parsed.code ?? 'UnknownError')
        .split('#')
        .pop() ?? 'UnknownError';
    throw new LocalAwsCallError(
      call.target,
      type,
      String(parsed.message ?? parsed.Message ?? response.status),
    );
  }
  return parsed as Result;
};
