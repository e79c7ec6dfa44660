import { z } from 'zod';
import { ConfigurationError } from './errors.ts';

/** The environment variables a function reads, as a zod object of string-typed settings. */
export type EnvironmentSchema = z.ZodObject<Record<string, z.ZodType<unknown, string | undefined>>>;

/**
 * Reads a function's settings from the environment once, at start-up. Every missing or invalid
 * variable is reported in one error: `GLR_TABLE_NAME is required (the runner state table name)`.
 * Describe each setting with `.describe()` so the error says what it is.
 */
export const loadEnvironment = <Schema extends EnvironmentSchema>(
  schema: Schema,
  environment: NodeJS.ProcessEnv = process.env,
): z.output<Schema> => {
  const values = Object.fromEntries(
    Object.keys(schema.shape).map((name) => [name, emptyToUndefined(environment[name])]),
  );
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(environment)');
    const description = schema.shape[name]?.description;
    const what = description ? ` (${description})` : '';
    return values[name] === undefined ? `${name} is required${what}` : `${name} ${issue.message}${what}`;
  });
  throw new ConfigurationError(`Invalid configuration: ${problems.join('; ')}`);
};

const emptyToUndefined = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value;

/** A positive whole-number setting (digits only, e.g. seconds or a count), with a default. */
export const positiveIntegerSetting = (defaultValue: number) =>
  z
    .string()
    .regex(/^[1-9]\d*$/, 'must be a positive whole number')
    .default(String(defaultValue))
    .transform(Number);

/** An SSM parameter path setting: leading and trailing slash, e.g. `/gitlabrunner/`. */
export const parameterPathSetting = () =>
  z.string().regex(/^\/(?:[\w.-]+\/)*$/, 'must start and end with a slash, e.g. /gitlabrunner/');
