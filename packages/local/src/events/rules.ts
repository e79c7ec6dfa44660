import type { Template } from '@glr/cfn-template';
import { TemplateReadError } from '../errors.ts';
import { isRecord } from '../json.ts';
import { referencedLogicalId } from '../template/references.ts';
import { compileEventPattern } from './event-pattern.ts';

/** Where a matched event goes: a resource of the template (a state machine or a function). */
export interface RuleTarget {
  /** Logical id of the target resource. */
  readonly logicalId: string;
  /** `InputPath` of the target (`$.detail`), when set: only that part of the event is delivered. */
  readonly inputPath?: string;
  /** Constant `Input` of the target, when set: delivered instead of the event. */
  readonly input?: unknown;
}

/** An EventBridge rule of a template, with its pattern compiled. */
export interface EventRule {
  /** `Rule` (an `AWS::Events::Rule`) or `Resource.Event` (a SAM `EventBridgeRule` event). */
  readonly name: string;
  readonly pattern: Record<string, unknown>;
  readonly matches: (event: unknown) => boolean;
  readonly targets: readonly RuleTarget[];
}

const parsePattern = (value: unknown, where: string): Record<string, unknown> => {
  const pattern = typeof value === 'string' ? safeJson(value, where) : value;
  if (!isRecord(pattern))
    throw new TemplateReadError(`${where}: EventPattern must be an object or a JSON string`);
  return pattern;
};

const safeJson = (text: string, where: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TemplateReadError(`${where}: EventPattern is not valid JSON`, { cause: error });
  }
};

const compileRule = (name: string, patternValue: unknown, targets: RuleTarget[]): EventRule => {
  const pattern = parsePattern(patternValue, name);
  try {
    return { name, pattern, matches: compileEventPattern(pattern), targets };
  } catch (error) {
    throw new TemplateReadError(`${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
};

const targetOptions = (
  source: Record<string, unknown>,
  where: string,
): Pick<RuleTarget, 'inputPath' | 'input'> => {
  if (source.InputTransformer !== undefined) {
    throw new TemplateReadError(
      `${where}: InputTransformer is not supported locally; use InputPath or Input`,
    );
  }
  return {
    ...(typeof source.InputPath === 'string' ? { inputPath: source.InputPath } : {}),
    ...(typeof source.Input === 'string' ? { input: safeJson(source.Input, `${where}.Input`) } : {}),
  };
};

const ruleTargets = (targets: unknown, where: string): RuleTarget[] => {
  if (!Array.isArray(targets) || targets.length === 0) {
    throw new TemplateReadError(`${where}: Targets must list at least one target`);
  }
  return targets.map((target, index) => {
    const at = `${where}.Targets[${index}]`;
    const logicalId = isRecord(target) ? referencedLogicalId(target.Arn) : undefined;
    if (!isRecord(target) || !logicalId) {
      throw new TemplateReadError(`${at}: Arn must be !Ref or !GetAtt of a resource of this template`);
    }
    return { logicalId, ...targetOptions(target, at) };
  });
};

const samEventRules = (logicalId: string, properties: Record<string, unknown>): EventRule[] => {
  const events = isRecord(properties.Events) ? properties.Events : {};
  return Object.entries(events).flatMap(([eventName, event]) => {
    if (!isRecord(event) || event.Type !== 'EventBridgeRule') return [];
    const name = `${logicalId}.${eventName}`;
    const eventProperties = isRecord(event.Properties) ? event.Properties : {};
    if (eventProperties.State === 'DISABLED' || eventProperties.Enabled === false) return [];
    return [
      compileRule(name, eventProperties.Pattern, [{ logicalId, ...targetOptions(eventProperties, name) }]),
    ];
  });
};

/**
 * Every enabled EventBridge rule of a template: `AWS::Events::Rule` resources with an
 * `EventPattern` (schedules are not event rules), and `EventBridgeRule` events of SAM state machines
 * and functions. Throws {@link TemplateReadError} naming the rule for anything the local bus cannot
 * deliver as AWS would.
 */
export const readEventRules = (template: Template): EventRule[] =>
  Object.entries(template.Resources).flatMap(([logicalId, resource]) => {
    const properties = resource.Properties ?? {};
    if (resource.Type === 'AWS::Events::Rule') {
      if (properties.EventPattern === undefined || properties.State === 'DISABLED') return [];
      return [compileRule(logicalId, properties.EventPattern, ruleTargets(properties.Targets, logicalId))];
    }
    if (resource.Type === 'AWS::Serverless::StateMachine' || resource.Type === 'AWS::Serverless::Function') {
      return samEventRules(logicalId, properties);
    }
    return [];
  });
