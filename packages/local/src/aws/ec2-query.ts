import { LocalAwsCallError } from '../errors.ts';

/**
 * Calls EC2's query API on moto server with `fetch` (the local stack's own set-up and the local
 * "instances" powering off); returns the XML answer. A placeholder SigV4 header carries the region.
 */
export const callEc2 = async (
  endpoint: string,
  region: string,
  action: string,
  params: Readonly<Record<string, string>> = {},
): Promise<string> => {
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'x-amz-date': date,
      authorization: `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/${region}/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=local`,
    },
    body: new URLSearchParams({ Action: action, Version: '2016-11-15', ...params }).toString(),
  });
  const text = await response.text();
  if (!response.ok) {
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? 'UnknownError';
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? String(response.status);
    throw new LocalAwsCallError(`EC2.${action}`, code, message);
  }
  return text;
};

/** Every value of an XML element in an EC2 answer, in order (`<subnetId>…</subnetId>`). */
export const xmlValues = (xml: string, element: string): string[] =>
  [...xml.matchAll(new RegExp(`<${element}>([^<]*)</${element}>`, 'g'))].map((match) => match[1] ?? '');
