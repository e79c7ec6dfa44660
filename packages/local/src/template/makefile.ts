import { isAbsolute, resolve } from 'node:path';

/** Values of the Makefile variables a recipe uses (`ROOT`, `CURDIR`, …). */
export type MakeVariables = Readonly<Record<string, string>>;

const recipes = (makefile: string): Map<string, string> => {
  const joined = makefile.replace(/\\\r?\n\s*/g, ' ');
  const found = new Map<string, string>();
  let target: string | undefined;
  for (const line of joined.split(/\r?\n/)) {
    const header = /^([A-Za-z0-9_.-]+)\s*:(?!=)/.exec(line);
    if (header?.[1]) {
      target = header[1];
      found.set(target, '');
    } else if (target && line.startsWith('\t')) {
      found.set(target, `${found.get(target) ?? ''} ${line.trim()}`);
    } else if (line.trim() !== '' && !line.startsWith('#')) {
      target = undefined;
    }
  }
  return found;
};

/**
 * The handler file each `build-<LogicalId>` target of a stack Makefile bundles: the recipe's
 * argument ending in `handler.ts`, with `$(VAR)` replaced and resolved against `baseDir`.
 * Returns logical id → absolute path.
 */
export const readMakefileHandlers = (
  makefile: string,
  variables: MakeVariables,
  baseDir: string,
): Map<string, string> => {
  const handlers = new Map<string, string>();
  for (const [target, recipe] of recipes(makefile)) {
    const logicalId = /^build-(.+)$/.exec(target)?.[1];
    if (!logicalId) continue;
    const expanded = recipe.replace(
      /\$[({]([A-Za-z0-9_]+)[)}]/g,
      (match, name: string) => variables[name] ?? match,
    );
    const entry = expanded.split(/\s+/).find((word) => word.endsWith('handler.ts'));
    if (entry) handlers.set(logicalId, isAbsolute(entry) ? entry : resolve(baseDir, entry));
  }
  return handlers;
};
