import type { Template } from '@glr/cfn-template';
import { isRecord } from '../json.ts';
import type { TemplateResolver } from './resolver.ts';

/** A Lambda function of a template, as the local stack runs it in process. */
export interface LocalFunction {
  readonly logicalId: string;
  /** Its physical name (`FunctionName`, else `<stack>-<LogicalId>`). */
  readonly name: string;
  readonly arn: string;
  /** Absolute path of the `handler.ts` that exports `handler`. */
  readonly handlerPath: string;
  /** Its environment variables (Globals merged, intrinsics resolved). */
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
}

/** SAM's defaults for a function without `Timeout` / `MemorySize`. */
const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_MB = 128;

const variablesOf = (properties: unknown): Record<string, unknown> => {
  const environment = isRecord(properties) ? properties.Environment : undefined;
  const variables = isRecord(environment) ? environment.Variables : undefined;
  return isRecord(variables) ? variables : {};
};

/**
 * Every `AWS::Serverless::Function` of a template whose handler file is known (from the stack
 * Makefile, or given in `handlerPaths` for image functions), with its resolved environment.
 */
export const readFunctions = (
  template: Template,
  resolver: TemplateResolver,
  handlerPaths: ReadonlyMap<string, string>,
): LocalFunction[] => {
  const globals = (template as { Globals?: { Function?: Record<string, unknown> } }).Globals?.Function ?? {};
  return Object.entries(template.Resources).flatMap(([logicalId, resource]) => {
    const handlerPath = handlerPaths.get(logicalId);
    if (resource.Type !== 'AWS::Serverless::Function' || !handlerPath) return [];
    const properties = resource.Properties ?? {};
    const environment = resolver.resolve(
      { ...variablesOf(globals), ...variablesOf(properties) },
      `${logicalId}.Environment.Variables`,
    ) as Record<string, unknown>;
    return [
      {
        logicalId,
        name: resolver.physicalName(logicalId),
        arn: String(resolver.resolve({ 'Fn::GetAtt': [logicalId, 'Arn'] }, logicalId)),
        handlerPath,
        environment: Object.fromEntries(
          Object.entries(environment).map(([key, value]) => [key, String(value)]),
        ),
        timeoutSeconds: Number(
          resolver.resolve(
            properties.Timeout ?? globals.Timeout ?? DEFAULT_TIMEOUT_SECONDS,
            `${logicalId}.Timeout`,
          ),
        ),
        memorySizeMb: Number(
          resolver.resolve(
            properties.MemorySize ?? globals.MemorySize ?? DEFAULT_MEMORY_MB,
            `${logicalId}.MemorySize`,
          ),
        ),
      },
    ];
  });
};
