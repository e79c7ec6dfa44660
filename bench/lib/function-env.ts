// The environment a Lambda function gets from its stack template, resolved well enough to load its
// handler here: parameters take their defaults, pseudo parameters and resource attributes become
// fixed local stand-ins. (packages/local resolves templates fully for the local stack.)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate, type Template } from '@glr/cfn-template';

/** Values of the pseudo parameters in benchmark runs. */
const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
  'AWS::StackName': 'bench',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const resolveRef = (template: Template, name: string): string => {
  const pseudo = PSEUDO[name];
  if (pseudo !== undefined) return pseudo;
  const parameter = template.Parameters[name];
  if (parameter !== undefined) return String(parameter.Default ?? `bench-${name}`);
  return `bench-${name}`;
};

const resolveValue = (template: Template, value: unknown): string => {
  if (!isObject(value)) return String(value);
  if (typeof value.Ref === 'string') return resolveRef(template, value.Ref);
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string' || Array.isArray(sub)) {
    const [text, variables] =
      typeof sub === 'string' ? [sub, {}] : [String(sub[0]), isObject(sub[1]) ? sub[1] : {}];
    return text.replace(/\$\{([^}!]+)\}/g, (_match, name: string) => {
      if (name in variables) return resolveValue(template, variables[name]);
      const [resource, attribute] = name.split('.');
      return attribute === undefined ? resolveRef(template, name) : `bench-${resource}-${attribute}`;
    });
  }
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `arn:aws:bench:us-east-1:123456789012:${getAtt.join('-')}`;
  return 'bench-unresolved';
};

const variablesOf = (holder: unknown): Record<string, unknown> => {
  const environment = isObject(holder) ? holder.Environment : undefined;
  const variables = isObject(environment) ? environment.Variables : undefined;
  return isObject(variables) ? variables : {};
};

/** The logical id of the function whose Makefile target bundles `src/<functionName>/handler.ts`. */
const logicalIdOf = (stackDir: string, functionName: string): string | undefined => {
  const makefile = readFileSync(join(stackDir, 'Makefile'), 'utf8');
  const targets = makefile.split(/^build-/m).slice(1);
  const target = targets.find((block) => block.includes(`src/${functionName}/handler.ts`));
  return target?.slice(0, target.indexOf(':'));
};

/**
 * The environment variables of `<stackDir>/src/<functionName>` per the stack's template.yaml and
 * Makefile; empty when either is missing or names no such function.
 */
export const functionEnvironment = (stackDir: string, functionName: string): Record<string, string> => {
  const templatePath = join(stackDir, 'template.yaml');
  if (!existsSync(templatePath) || !existsSync(join(stackDir, 'Makefile'))) return {};
  const template = parseTemplate(readFileSync(templatePath, 'utf8'));
  const logicalId = logicalIdOf(stackDir, functionName);
  const resource = logicalId === undefined ? undefined : template.Resources[logicalId];
  if (resource === undefined) return {};
  const globals = (template as { Globals?: { Function?: unknown } }).Globals?.Function;
  const variables = { ...variablesOf(globals), ...variablesOf(resource.Properties) };
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [name, resolveValue(template, value)]),
  );
};
