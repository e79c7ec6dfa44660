import type { LocalEventBus, PutEventsEntry } from '../events/local-bus.ts';
import { jsonResponse, type LocalRoute } from '../http/http-server.ts';

/**
 * EventBridge's `PutEvents` (JSON 1.1, `X-Amz-Target: AWSEvents.PutEvents`) served by the local
 * bus, so an unchanged SDK client pointed here with `AWS_ENDPOINT_URL_EVENTBRIDGE` works.
 */
export const eventBridgeRoute =
  (bus: LocalEventBus): LocalRoute =>
  (request) => {
    const target = request.headers['x-amz-target'];
    if (request.method !== 'POST' || typeof target !== 'string' || !target.startsWith('AWSEvents.'))
      return undefined;
    if (target !== 'AWSEvents.PutEvents') {
      return jsonResponse(400, {
        __type: 'UnknownOperationException',
        message: `${target} is not served locally`,
      });
    }
    // The JSON protocol sends `Time` as epoch seconds.
    type WireEntry = Omit<PutEventsEntry, 'Time'> & { readonly Time?: number };
    const { Entries = [] } = JSON.parse(request.body.toString('utf8')) as { Entries?: WireEntry[] };
    const results = bus.putEvents(
      Entries.map(({ Time, ...entry }) =>
        Time === undefined ? entry : { ...entry, Time: new Date(Time * 1000) },
      ),
    );
    return {
      ...jsonResponse(200, {
        Entries: results,
        FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
      }),
      headers: { 'content-type': 'application/x-amz-json-1.1' },
    };
  };
