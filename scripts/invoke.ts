// Runs one bundled Lambda handler in a fresh Node.js process with a sample event, without Docker:
//   pnpm invoke <Stack>/<function> --event <file.json> [--no-build]
// The handler gets the current environment (set its settings as the template would) and a Lambda
// context; its result is printed as JSON on stdout, its logs go to stderr.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleHandler } from './bundle.ts';
import { listLambdaFunctions } from './lambda-functions.ts';

const usage = 'usage: pnpm invoke <Stack>/<function> --event <file.json> [--no-build]';

/** The script the child process runs: import the bundle, invoke it once, print the result. */
const childScript = `
const [bundle, eventJson, name] = process.argv.slice(1);
const { handler } = await import(bundle);
const deadline = Date.now() + 900_000;
const context = {
  functionName: name, functionVersion: '$LATEST', memoryLimitInMB: '1024',
  invokedFunctionArn: 'arn:aws:lambda:' + (process.env.AWS_REGION ?? 'eu-west-1') + ':000000000000:function:' + name,
  awsRequestId: crypto.randomUUID(), logGroupName: '/aws/lambda/' + name, logStreamName: 'local',
  callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => deadline - Date.now(),
  done() {}, fail() {}, succeed() {},
};
const result = await handler(JSON.parse(eventJson), context);
process.stdout.write(JSON.stringify(result ?? null, null, 2) + '\\n');
`;

const main = async (): Promise<number> => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { event: { type: 'string' }, 'no-build': { type: 'boolean', default: false } },
  });
  const [id] = positionals;
  const fn = listLambdaFunctions().find((candidate) => candidate.id === id);
  if (!fn) {
    const known = listLambdaFunctions().map((candidate) => candidate.id);
    throw new Error(`unknown function ${JSON.stringify(id)}: choose one of ${known.join(', ')}\n${usage}`);
  }
  if (!values.event)
    throw new Error(`--event is required: a JSON file, e.g. ${fn.stack}/events/*.json\n${usage}`);
  const eventJson = JSON.stringify(JSON.parse(readFileSync(resolve(values.event), 'utf8')));
  if (!values['no-build']) await bundleHandler(fn.entry, fn.outdir);
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--input-type=module',
      '-e',
      childScript,
      resolve(fn.outdir, 'index.mjs'),
      eventJson,
      fn.name,
    ],
    { stdio: 'inherit' },
  );
  return new Promise((done) => child.on('exit', (code) => done(code ?? 1)));
};

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`invoke: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
