import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from './errors.ts';

/** Turns zod issues into field-named issues without echoing the rejected values. */
export const toValidationIssues = (error: z.ZodError): ValidationIssue[] =>
  error.issues.map((issue) => ({
    field: issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'),
    message: issue.message,
  }));

/** Parses `input` with `schema`, throwing a {@link ValidationError} that names every bad field. */
export const parseWith = <Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  subject: string,
): z.output<Schema> => {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(subject, toValidationIssues(result.error));
  return result.data;
};
