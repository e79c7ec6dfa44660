import type { MappingItem, MappingKey } from '@glr/core';
import type { MappingDiff } from './diff.ts';

const describeItem = (item: MappingItem): string => `${item.jobName} [${item.tags.join(', ')}] ${item.type}`;

const describeKey = ({ pk, sk }: MappingKey): string => `${pk} ${sk}`;

/** The diff as lines for people: one line a mapping, then a summary. */
export const formatDiff = (diff: MappingDiff, prune: boolean): string[] => {
  const lines = [
    ...diff.added.map((item) => `  + added      ${describeItem(item)}`),
    ...diff.changed.map(({ item, fields }) => `  ~ changed    ${describeItem(item)} (${fields.join(', ')})`),
    ...diff.unchanged.map((item) => `  = unchanged  ${describeItem(item)}`),
    ...diff.extra.map((key) =>
      prune ? `  - removed    ${describeKey(key)}` : `  ! not in file ${describeKey(key)} (kept)`,
    ),
  ];
  const summary = [
    `${diff.added.length} added`,
    `${diff.changed.length} changed`,
    `${diff.unchanged.length} unchanged`,
    prune
      ? `${diff.extra.length} removed`
      : `${diff.extra.length} not in the file (kept; --prune deletes them)`,
  ];
  return [...lines, summary.join(', ')];
};
