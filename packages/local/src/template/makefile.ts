import { isAbsolute, resolve } from 'node:path';

/** Values of the Makefile variables a recipe uses (`ROOT`, …); they win over the Makefile's own. */
export type MakeVariables = Readonly<Record<string, string>>;

interface ParsedMakefile {
  readonly variables: Map<string, string>;
  readonly recipes: Map<string, string>;
}

const parse = (makefile: string): ParsedMakefile => {
  const joined = makefile.replace(/\\\r?\n\s*/g, ' ');
  const variables = new Map<string, string>();
  const recipes = new Map<string, string>();
  let target: string | undefined;
  for (const line of joined.split(/\r?\n/)) {
    const assignment = /^([A-Za-z0-9_]+)\s*(?::=|\?=|=)\s*(.*)$/.exec(line);
    const header = /^([A-Za-z0-9_.-]+)\s*:(?!=)/.exec(line);
    if (assignment?.[1] !== undefined && assignment[2] !== undefined) {
      variables.set(assignment[1], assignment[2].trim());
      target = undefined;
    } else if (header?.[1]) {
      target = header[1];
      recipes.set(target, '');
    } else if (target && line.startsWith('\t')) {
      recipes.set(target, `${recipes.get(target) ?? ''} ${line.trim()}`);
    } else if (line.trim() !== '' && !line.startsWith('#')) {
      target = undefined;
    }
  }
  return { variables, recipes };
};

/** Expands `$(VAR)`, `${VAR}` and `$(call VAR,args)`; what it cannot evaluate is left as written. */
const expand = (text: string, variables: ReadonlyMap<string, string>, depth = 0): string => {
  if (depth > 10) return text;
  const expanded = text
    .replace(/\$\(call ([A-Za-z0-9_]+),([^()]*)\)/g, (match, name: string, args: string) => {
      const body = variables.get(name);
      if (body === undefined) return match;
      return args
        .split(',')
        .reduce((result, arg, index) => result.replaceAll(`$(${index + 1})`, arg.trim()), body);
    })
    .replace(/\$[({]([A-Za-z0-9_]+)[)}]/g, (match, name: string) => variables.get(name) ?? match);
  return expanded === text ? text : expand(expanded, variables, depth + 1);
};

/**
 * The handler file each `build-<LogicalId>` target of a stack Makefile bundles: the recipe's
 * argument ending in `handler.ts`, after expanding the Makefile's variables and `$(call …)` (with
 * `variables` overriding, e.g. `ROOT`, which Makefiles compute with functions), resolved against
 * `baseDir`. Returns logical id → absolute path.
 */
export const readMakefileHandlers = (
  makefile: string,
  variables: MakeVariables,
  baseDir: string,
): Map<string, string> => {
  const parsed = parse(makefile);
  const known = new Map([...parsed.variables, ...Object.entries(variables)]);
  const handlers = new Map<string, string>();
  for (const [target, recipe] of parsed.recipes) {
    const logicalId = /^build-(.+)$/.exec(target)?.[1];
    if (!logicalId) continue;
    const entry = expand(recipe, known)
      .split(/\s+/)
      .find((word) => word.endsWith('handler.ts'));
    if (entry) handlers.set(logicalId, isAbsolute(entry) ? entry : resolve(baseDir, entry));
  }
  return handlers;
};
