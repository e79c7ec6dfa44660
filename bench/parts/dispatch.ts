// Parts 4 and 5: dispatch and clean-up at scale on the local stack. They need packages/local to
// start the whole stack in process; until it does, they report why they were skipped.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRoot } from '../../scripts/lambda-functions.ts';
import type { PartResult } from '../lib/results.ts';
import type { BenchPart } from './part.ts';

/** The export of `@glr/local` these parts drive. */
export const LOCAL_STACK_STARTER = 'startLocalStack';

const LOCAL_INDEX = join(repositoryRoot, 'packages', 'local', 'src', 'index.ts');

const skipped = (reason: string): PartResult[] => [
  { id: 'dispatch', title: '4. Dispatch at scale', status: 'skipped', reason },
  { id: 'cleanup', title: '5. Clean-up at scale', status: 'skipped', reason },
];

/** Why the local stack cannot be driven yet, or undefined when it can. */
export const localStackMissing = async (): Promise<string | undefined> => {
  if (!existsSync(LOCAL_INDEX)) return 'packages/local does not exist yet';
  const local = (await import(pathToFileURL(LOCAL_INDEX).href)) as Record<string, unknown>;
  if (typeof local[LOCAL_STACK_STARTER] !== 'function') {
    return `@glr/local does not export ${LOCAL_STACK_STARTER}() yet (the local stack in process: HTTP endpoint, bus, state machines, runners)`;
  }
  return undefined;
};

/** Parts 4 and 5 on the local stack. */
export const dispatchParts: BenchPart = {
  id: 'dispatch',
  title: 'Dispatch and clean-up at scale',
  run: async () => {
    const missing = await localStackMissing();
    return skipped(
      missing ?? `@glr/local exports ${LOCAL_STACK_STARTER}(), but the benchmark does not drive it yet`,
    );
  },
};
