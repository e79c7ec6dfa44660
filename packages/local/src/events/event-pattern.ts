import { InvalidEventPatternError } from '../errors.ts';
import { isRecord } from '../json.ts';

/**
 * EventBridge event pattern matching, as EventBridge documents it ("Comparison operators for use in
 * event patterns"): the event is flattened into leaf values per field path (arrays contribute each
 * element), a pattern leaf is a list of alternatives (OR), fields are ANDed, and `$or` ORs whole
 * sub-patterns. Supported: exact values (strings, numbers compared numerically, booleans, null),
 * `prefix`, `suffix`, `equals-ignore-case` (also inside `prefix`/`suffix`), `wildcard`,
 * `anything-but` (value, list, `prefix`, `suffix`, `equals-ignore-case`, `wildcard`), `exists`,
 * `numeric` ranges. `cidr` and array-consistency between sibling fields of array elements are not
 * supported: a pattern using `cidr` is rejected.
 */
export type EventPattern = { readonly [field: string]: unknown };

type Leaf = string | number | boolean | null;
type ValueTest = (value: Leaf) => boolean;

/** A compiled pattern test: leaf values by path in, match out. */
type FieldsTest = (values: ReadonlyMap<string, readonly Leaf[]>) => boolean;

const NUMERIC_OPERATORS: Record<string, (left: number, right: number) => boolean> = {
  '<': (left, right) => left < right,
  '<=': (left, right) => left <= right,
  '=': (left, right) => left === right,
  '>': (left, right) => left > right,
  '>=': (left, right) => left >= right,
};

const isLeaf = (value: unknown): value is Leaf =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

const fail = (field: string, message: string): never => {
  throw new InvalidEventPatternError(field, message);
};

const requireString = (value: unknown, field: string): string =>
  typeof value === 'string' ? value : fail(field, 'must be a string');

const wildcardTest = (pattern: string, field: string): ((value: string) => boolean) => {
  if (pattern.includes('**')) fail(field, 'consecutive wildcard characters are not allowed');
  const parts = pattern
    .split(/(?<!\\)\*/)
    .map((part) => part.replaceAll('\\*', '*').replaceAll('\\\\', '\\'));
  const escaped = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const expression = new RegExp(`^${escaped.join('.*')}$`, 's');
  return (value) => expression.test(value);
};

/** `prefix` / `suffix` take a string or `{ "equals-ignore-case": string }`. */
const affixTest = (operand: unknown, field: string, kind: 'prefix' | 'suffix'): ValueTest => {
  const ignoreCase = isRecord(operand);
  const raw = ignoreCase ? onlyKey(operand, field, ['equals-ignore-case']).value : operand;
  const affix = requireString(raw, field);
  const normalise = (text: string) => (ignoreCase ? text.toLowerCase() : text);
  const wanted = normalise(affix);
  return (value) =>
    typeof value === 'string' &&
    (kind === 'prefix' ? normalise(value).startsWith(wanted) : normalise(value).endsWith(wanted));
};

const onlyKey = (
  operand: Record<string, unknown>,
  field: string,
  allowed: readonly string[],
): { key: string; value: unknown } => {
  const keys = Object.keys(operand);
  const [key] = keys;
  if (keys.length !== 1 || key === undefined || !allowed.includes(key)) {
    return fail(field, `expected exactly one of ${allowed.join(', ')}`);
  }
  return { key, value: operand[key] };
};

const equalsLeaf =
  (expected: Leaf): ValueTest =>
  (value) =>
    value === expected;

const stringList = (operand: unknown, field: string): string[] =>
  (Array.isArray(operand) ? operand : [operand]).map((item, index) =>
    requireString(item, Array.isArray(operand) ? `${field}[${index}]` : field),
  );

const anythingButTest = (operand: unknown, field: string): ValueTest => {
  if (isRecord(operand)) {
    const { key, value } = onlyKey(operand, field, ['prefix', 'suffix', 'equals-ignore-case', 'wildcard']);
    const inner = `${field}.${key}`;
    if (key === 'prefix' || key === 'suffix') {
      const test = affixTest(requireString(value, inner), inner, key);
      return (candidate) => !test(candidate);
    }
    if (key === 'equals-ignore-case') {
      const excluded = new Set(stringList(value, inner).map((text) => text.toLowerCase()));
      return (candidate) => typeof candidate !== 'string' || !excluded.has(candidate.toLowerCase());
    }
    const tests = stringList(value, inner).map((text) => wildcardTest(text, inner));
    return (candidate) => typeof candidate !== 'string' || !tests.some((test) => test(candidate));
  }
  const excluded = Array.isArray(operand) ? operand : [operand];
  excluded.forEach((item, index) => {
    if (typeof item !== 'string' && typeof item !== 'number') {
      fail(`${field}[${index}]`, 'anything-but values must be strings or numbers');
    }
  });
  return (candidate) => !excluded.some((item) => equalsLeaf(item as Leaf)(candidate));
};

const numericTest = (operand: unknown, field: string): ValueTest => {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0 || operand.length > 4) {
    return fail(field, 'must be [operator, number] or [operator, number, operator, number]');
  }
  const checks: ((value: number) => boolean)[] = [];
  for (let index = 0; index < operand.length; index += 2) {
    const operator = operand[index];
    const bound = operand[index + 1];
    const compare = typeof operator === 'string' ? NUMERIC_OPERATORS[operator] : undefined;
    if (!compare) return fail(`${field}[${index}]`, 'operator must be one of <, <=, =, >, >=');
    if (typeof bound !== 'number') return fail(`${field}[${index + 1}]`, 'must be a number');
    checks.push((value) => compare(value, bound));
  }
  return (value) => typeof value === 'number' && checks.every((check) => check(value));
};

/** One alternative of a pattern leaf; `exists` is handled by the caller because it sees absence. */
const valueTest = (alternative: unknown, field: string): ValueTest => {
  if (isLeaf(alternative)) return equalsLeaf(alternative);
  if (!isRecord(alternative)) return fail(field, 'must be a value or a matcher object');
  const { key, value } = onlyKey(alternative, field, [
    'prefix',
    'suffix',
    'equals-ignore-case',
    'wildcard',
    'anything-but',
    'numeric',
  ]);
  const inner = `${field}.${key}`;
  switch (key) {
    case 'prefix':
    case 'suffix':
      return affixTest(value, inner, key);
    case 'equals-ignore-case': {
      const wanted = requireString(value, inner).toLowerCase();
      return (candidate) => typeof candidate === 'string' && candidate.toLowerCase() === wanted;
    }
    case 'wildcard': {
      const test = wildcardTest(requireString(value, inner), inner);
      return (candidate) => typeof candidate === 'string' && test(candidate);
    }
    case 'anything-but':
      return anythingButTest(value, inner);
    default:
      return numericTest(value, inner);
  }
};

const leafTest = (alternatives: readonly unknown[], path: string, field: string): FieldsTest => {
  if (alternatives.length === 0) fail(field, 'an empty list matches nothing: give at least one value');
  const existence: boolean[] = [];
  const tests: ValueTest[] = [];
  alternatives.forEach((alternative, index) => {
    const where = `${field}[${index}]`;
    if (isRecord(alternative) && 'exists' in alternative) {
      const { value } = onlyKey(alternative, where, ['exists']);
      if (typeof value !== 'boolean') fail(`${where}.exists`, 'must be true or false');
      existence.push(value as boolean);
    } else {
      tests.push(valueTest(alternative, where));
    }
  });
  return (values) => {
    const found = values.get(path) ?? [];
    if (existence.some((wanted) => wanted === found.length > 0)) return true;
    return found.some((value) => tests.some((test) => test(value)));
  };
};

const compileObject = (pattern: Record<string, unknown>, prefix: string, field: string): FieldsTest => {
  const tests = Object.entries(pattern).map(([key, value]): FieldsTest => {
    const where = field ? `${field}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2)
        return fail(where, 'must be a list of at least two patterns');
      const branches = value.map((branch, index) =>
        isRecord(branch)
          ? compileObject(branch, prefix, `${where}[${index}]`)
          : fail(`${where}[${index}]`, 'must be an object'),
      );
      return (values) => branches.some((branch) => branch(values));
    }
    const path = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value)) return leafTest(value, path, where);
    if (isRecord(value)) return compileObject(value, path, where);
    return fail(where, 'a pattern field must be a list of values or a nested object');
  });
  return (values) => tests.every((test) => test(values));
};

const flatten = (value: unknown, path: string, into: Map<string, Leaf[]>): void => {
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, path, into);
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, path ? `${path}.${key}` : key, into);
  } else if (isLeaf(value)) {
    into.set(path, [...(into.get(path) ?? []), value]);
  }
};

/**
 * Validates a pattern and returns a fast test for events. Throws {@link InvalidEventPatternError}
 * naming the offending field for a pattern EventBridge would reject or this matcher cannot run.
 */
export const compileEventPattern = (pattern: unknown): ((event: unknown) => boolean) => {
  if (!isRecord(pattern)) return fail('(pattern)', 'must be a JSON object');
  const test = compileObject(pattern, '', '');
  return (event) => {
    const values = new Map<string, Leaf[]>();
    flatten(event, '', values);
    return test(values);
  };
};

/** Whether an event matches an EventBridge event pattern (see {@link compileEventPattern}). */
export const matchesEventPattern = (pattern: unknown, event: unknown): boolean =>
  compileEventPattern(pattern)(event);
