import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate, type Template } from '@glr/cfn-template';
import { readTableDefinitions, type TableDefinition } from '../aws/dynamodb-tables.ts';
import { type EventRule, readEventRules } from '../events/rules.ts';
import { readStateMachines, type StateMachineDefinition } from '../stepfunctions/state-machines.ts';
import { readDockerfileHandlers } from './dockerfile.ts';
import { type LocalFunction, readFunctions } from './functions.ts';
import { readMakefileHandlers } from './makefile.ts';
import { createTemplateResolver, type LocalDeployment, type TemplateResolver } from './resolver.ts';

/** Where a stack's files are and how it is "deployed" locally. */
export interface StackSource {
  /** The stack folder: `template.yaml`, `Makefile`, `statemachines/`. */
  readonly stackDir: string;
  /** The repository root, `$(ROOT)` of the Makefile. */
  readonly rootDir: string;
  /** The deployment, or a function of the parsed template that gives it (to map its resources). */
  readonly deployment: LocalDeployment | ((template: Template) => LocalDeployment);
}

/** Everything the local stack runs from one template. */
export interface LoadedStack {
  readonly template: Template;
  readonly resolver: TemplateResolver;
  readonly functions: readonly LocalFunction[];
  readonly stateMachines: readonly StateMachineDefinition[];
  readonly rules: readonly EventRule[];
  readonly tables: readonly TableDefinition[];
}

/**
 * The stack's exports (`Outputs.*.Export.Name` → value) that resolve locally, for the
 * `Fn::ImportValue`s of the stacks deployed after it.
 */
export const stackExports = (stack: Pick<LoadedStack, 'template' | 'resolver'>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(stack.template.Outputs).flatMap(([key, output]) => {
      if (!output.Export) return [];
      try {
        const name = stack.resolver.resolve(output.Export.Name, `Outputs.${key}.Export.Name`);
        return [[String(name), String(stack.resolver.resolve(output.Value, `Outputs.${key}.Value`))]];
      } catch {
        return [];
      }
    }),
  );

/**
 * Reads a stack's template, Makefile (zip functions) and Dockerfile (image functions) into the
 * parts the local stack runs.
 */
export const loadStack = (source: StackSource): LoadedStack => {
  const template = parseTemplate(readFileSync(join(source.stackDir, 'template.yaml'), 'utf8'));
  const deployment =
    typeof source.deployment === 'function' ? source.deployment(template) : source.deployment;
  const resolver = createTemplateResolver(template, deployment);
  const makefilePath = join(source.stackDir, 'Makefile');
  const handlers = new Map([
    ...readDockerfileHandlers(template, source.stackDir),
    ...(existsSync(makefilePath)
      ? readMakefileHandlers(readFileSync(makefilePath, 'utf8'), { ROOT: source.rootDir }, source.stackDir)
      : []),
  ]);
  return {
    template,
    resolver,
    functions: readFunctions(template, resolver, handlers),
    stateMachines: readStateMachines(template, resolver, source.stackDir),
    rules: readEventRules(template),
    tables: readTableDefinitions(template, resolver),
  };
};
