/** A copy of `value` without the properties whose value is `undefined` (DynamoDB and plans omit them). */
export const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
