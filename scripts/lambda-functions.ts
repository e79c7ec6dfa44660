import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The stacks whose `src/<function>/handler.ts` files are Lambda handlers. */
export const STACKS = ['Infrastructure', 'AutoScaler', 'LambdaShellRunner'] as const;

export const repositoryRoot = resolve(import.meta.dirname, '..');

/** One Lambda handler of a stack, and where its bundle goes. */
export interface LambdaFunction {
  /** `<Stack>/<function>`, as `pnpm invoke` names it. */
  readonly id: string;
  readonly stack: string;
  readonly name: string;
  readonly entry: string;
  readonly outdir: string;
}

/** Every `<Stack>/src/<function>/handler.ts` in the repository. */
export const listLambdaFunctions = (): LambdaFunction[] =>
  STACKS.flatMap((stack) => {
    const sourceDir = join(repositoryRoot, stack, 'src');
    let entries: string[];
    try {
      entries = readdirSync(sourceDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
    } catch {
      return [];
    }
    return entries
      .filter((name) => readdirSync(join(sourceDir, name)).includes('handler.ts'))
      .sort()
      .map((name) => ({
        id: `${stack}/${name}`,
        stack,
        name,
        entry: join(sourceDir, name, 'handler.ts'),
        outdir: join(repositoryRoot, stack, 'dist', name),
      }));
  });
