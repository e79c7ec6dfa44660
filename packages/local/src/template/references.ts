import { isRecord } from '../json.ts';

/**
 * The logical id a template value points at, when it is a plain reference to one resource:
 * `!Ref X`, `!GetAtt X.Attr` (either form) or `!Sub '${X}'` / `!Sub '${X.Attr}'`. Undefined otherwise.
 */
export const referencedLogicalId = (value: unknown): string | undefined => {
  if (!isRecord(value)) return undefined;
  const ref = value.Ref;
  if (typeof ref === 'string') return ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  const sub = value['Fn::Sub'];
  const match = typeof sub === 'string' ? /^\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}$/.exec(sub) : null;
  return match?.[1];
};

/** The attribute of a `!GetAtt X.Attr` (either form), else undefined. */
export const referencedAttribute = (value: unknown): string | undefined => {
  if (!isRecord(value)) return undefined;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[1] === 'string') return getAtt[1];
  if (typeof getAtt === 'string') return getAtt.split('.').slice(1).join('.') || undefined;
  return undefined;
};
