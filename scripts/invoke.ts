// Runs one bundled Lambda handler in a fresh Node.js process with a sample event, without Docker:
//   pnpm invoke <Stack>/<function> --event <file.json> [--no-build]
// The handler gets the current environment (set its settings as the template would) and a Lambda
// context; its result is printed as JSON on stdout, and everything it writes itself (logs, EMF
// metrics) goes to stderr. A handler that throws makes the command exit 1.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleHandler } from './bundle.ts';
import { listLambdaFunctions } from './lambda-functions.ts';

const usage = 'usage: pnpm invoke <Stack>/<function> --event <file.json> [--no-build]';

/**
 * The script the child process runs: import the bundle, invoke it once, write the result to fd 3.
 * Its stdout is the parent's stderr, so Powertools' logs and metrics never mix with the result.
 */
const childScript = `
const { createWriteStream } = await import('node:fs');
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
const resultStream = createWriteStream('', { fd: 3 });
await new Promise((done) => resultStream.end(JSON.stringify(result ?? null, null, 2) + '\\n', done));
`;

/** The event file's JSON on one line, or an error naming the file. */
const readEvent = (file: string): string => {
  try {
    return JSON.stringify(JSON.parse(readFileSync(resolve(file), 'utf8')));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`--event ${file} is not a readable JSON file: ${reason}`, { cause: error });
  }
};

const main = async (): Promise<number> => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { event: { type: 'string' }, 'no-build': { type: 'boolean', default: false } },
  });
  const [id] = positionals;
  const fn = listLambdaFunctions().find((candidate) => candidate.id === id);
  if (!fn) {
    const known = listLambdaFunctions().map((candidate) => candidate.id);
    const problem = id === undefined ? 'no function given' : `unknown function ${JSON.stringify(id)}`;
    throw new Error(`${problem}: choose one of ${known.join(', ')}\n${usage}`);
  }
  if (!values.event)
    throw new Error(`--event is required: a JSON file, e.g. ${fn.stack}/events/*.json\n${usage}`);
  const eventJson = readEvent(values.event);
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
    { stdio: ['inherit', process.stderr, 'inherit', 'pipe'] },
  );
  child.stdio[3]?.pipe(process.stdout);
  return new Promise((done) => child.on('close', (code) => done(code ?? 1)));
};

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`invoke: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
