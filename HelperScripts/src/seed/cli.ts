import { runSeed } from './run-seed.ts';

// `pnpm seed …` (node HelperScripts/src/seed/cli.ts): the process's streams, nothing else.
process.exitCode = await runSeed({
  argv: process.argv.slice(2),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
