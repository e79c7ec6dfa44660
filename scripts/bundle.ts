// Bundles Lambda handlers with esbuild: ESM, node24, minified, source maps, AWS SDK v3 included.
//   node scripts/bundle.ts                    every handler into <Stack>/dist/<function>/index.mjs
//   node scripts/bundle.ts <handler.ts> <dir>  one handler into <dir>/index.mjs (sam build's Makefiles)
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { listLambdaFunctions } from './lambda-functions.ts';

/** Bundles one handler into `outdir/index.mjs` (+ source map). */
export const bundleHandler = async (entry: string, outdir: string): Promise<void> => {
  await build({
    entryPoints: [entry],
    outfile: resolve(outdir, 'index.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    mainFields: ['module', 'main'],
    // Some bundled CommonJS dependencies call require() for Node.js built-ins.
    banner: {
      js: "import { createRequire as __glrCreateRequire } from 'node:module'; const require = __glrCreateRequire(import.meta.url);",
    },
  });
};

const main = async (args: string[]): Promise<void> => {
  const [entry, outdir] = args;
  if (entry && outdir) {
    await bundleHandler(resolve(entry), resolve(outdir));
    return;
  }
  if (entry) throw new Error('usage: node scripts/bundle.ts [<handler.ts> <output dir>]');
  const functions = listLambdaFunctions();
  await Promise.all(functions.map((fn) => bundleHandler(fn.entry, fn.outdir)));
  process.stdout.write(`bundled ${functions.length} functions: ${functions.map((fn) => fn.id).join(', ')}\n`);
};

if (import.meta.main) await main(process.argv.slice(2));
