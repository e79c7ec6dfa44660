import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from '@glr/cfn-template';
import { TemplateReadError } from '../errors.ts';
import { isRecord } from '../json.ts';
import type { TemplateResolver } from '../template/resolver.ts';

/** A state machine of a template with its definition ready to run. */
export interface StateMachineDefinition {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  /** `STANDARD` or `EXPRESS`. */
  readonly type: string;
  /** The ASL definition, `DefinitionSubstitutions` applied. */
  readonly definition: Record<string, unknown>;
}

const substitute = (text: string, substitutions: Record<string, unknown>): string =>
  text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (match, name: string) =>
    name in substitutions ? String(substitutions[name]) : match,
  );

const definitionText = (logicalId: string, properties: Record<string, unknown>, stackDir: string): string => {
  if (typeof properties.DefinitionUri === 'string') {
    return readFileSync(join(stackDir, properties.DefinitionUri), 'utf8');
  }
  if (isRecord(properties.Definition)) return JSON.stringify(properties.Definition);
  throw new TemplateReadError(`${logicalId}: give DefinitionUri (a path in the stack folder) or Definition`);
};

/**
 * Every `AWS::Serverless::StateMachine` of a template, its ASL read from `DefinitionUri` (relative
 * to `stackDir`) or `Definition`, and its `DefinitionSubstitutions` resolved and applied as SAM does.
 */
export const readStateMachines = (
  template: Template,
  resolver: TemplateResolver,
  stackDir: string,
): StateMachineDefinition[] =>
  Object.entries(template.Resources).flatMap(([logicalId, resource]) => {
    if (resource.Type !== 'AWS::Serverless::StateMachine') return [];
    const properties = resource.Properties ?? {};
    const substitutions = resolver.resolve(
      properties.DefinitionSubstitutions ?? {},
      `${logicalId}.DefinitionSubstitutions`,
    ) as Record<string, unknown>;
    const text = substitute(definitionText(logicalId, properties, stackDir), substitutions);
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (error) {
      throw new TemplateReadError(`${logicalId}: the definition is not valid JSON after substitution`, {
        cause: error,
      });
    }
    if (!isRecord(definition))
      throw new TemplateReadError(`${logicalId}: the definition must be a JSON object`);
    return [
      {
        logicalId,
        name: resolver.physicalName(logicalId),
        arn: String(resolver.resolve({ Ref: logicalId }, logicalId)),
        type: String(properties.Type ?? 'STANDARD'),
        definition,
      },
    ];
  });
