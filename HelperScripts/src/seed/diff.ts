import { type MappingItem, type MappingKey, toMappingRecord } from '@glr/core';

/** A mapping in the file that differs from the table, with the attributes that differ. */
export interface ChangedMapping {
  readonly item: MappingItem;
  readonly fields: readonly string[];
}

/** What seeding would do: the file's mappings sorted into added, changed and unchanged, plus the table's extras. */
export interface MappingDiff {
  readonly added: readonly MappingItem[];
  readonly changed: readonly ChangedMapping[];
  readonly unchanged: readonly MappingItem[];
  /** Items in the table but not in the file: deleted only with `--prune`. */
  readonly extra: readonly MappingKey[];
}

const keyOf = (record: Record<string, unknown>): string => `${String(record.pk)}\n${String(record.sk)}`;

/** Attribute names whose values differ between two stored items (deep, order-sensitive for lists). */
const differingFields = (wanted: Record<string, unknown>, stored: Record<string, unknown>): string[] =>
  [...new Set([...Object.keys(wanted), ...Object.keys(stored)])]
    .filter((field) => JSON.stringify(wanted[field]) !== JSON.stringify(stored[field]))
    .sort();

/**
 * Compares the file's mappings with the table's items (as scanned, valid or not) by key and by every
 * attribute, so a re-run with an unchanged file writes nothing.
 */
export const diffMappings = (
  items: readonly MappingItem[],
  stored: readonly Record<string, unknown>[],
): MappingDiff => {
  const storedByKey = new Map(stored.map((record) => [keyOf(record), record]));
  const added: MappingItem[] = [];
  const changed: ChangedMapping[] = [];
  const unchanged: MappingItem[] = [];
  for (const item of items) {
    const wanted = toMappingRecord(item);
    const existing = storedByKey.get(keyOf(wanted));
    storedByKey.delete(keyOf(wanted));
    if (existing === undefined) added.push(item);
    else {
      const fields = differingFields(wanted, existing);
      if (fields.length === 0) unchanged.push(item);
      else changed.push({ item, fields });
    }
  }
  const extra = [...storedByKey.values()].map((record) => ({ pk: String(record.pk), sk: String(record.sk) }));
  return { added, changed, unchanged, extra };
};
