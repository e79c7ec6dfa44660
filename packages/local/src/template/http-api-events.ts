import type { Template } from '@glr/cfn-template';
import { isRecord } from '../json.ts';

/** A route of an HTTP API that a function serves (a SAM `HttpApi` event). */
export interface HttpApiEvent {
  readonly functionLogicalId: string;
  readonly method: string;
  readonly path: string;
}

/** Every SAM `HttpApi` event of the template's functions. */
export const readHttpApiEvents = (template: Template): HttpApiEvent[] =>
  Object.entries(template.Resources).flatMap(([logicalId, resource]) => {
    const events = resource.Type === 'AWS::Serverless::Function' ? resource.Properties?.Events : undefined;
    if (!isRecord(events)) return [];
    return Object.values(events).flatMap((event) => {
      if (!isRecord(event) || event.Type !== 'HttpApi' || !isRecord(event.Properties)) return [];
      const { Method, Path } = event.Properties;
      if (typeof Method !== 'string' || typeof Path !== 'string') return [];
      return [{ functionLogicalId: logicalId, method: Method.toUpperCase(), path: Path }];
    });
  });
