// Part 3's child: import one Lambda bundle and invoke it once, then exit at once. Plain JavaScript
// so that no TypeScript stripping is timed: the parent measures this process from spawn to exit.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile, outcomeFile, functionName] = process.argv.slice(2);
const context = {
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
  memoryLimitInMB: '256',
  awsRequestId: '00000000-0000-4000-8000-000000000000',
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'bench',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
};
let outcome = 'ok';
try {
  const { handler } = await import(pathToFileURL(bundle).href);
  await handler(JSON.parse(readFileSync(eventFile, 'utf8')), context);
} catch (error) {
  outcome = error instanceof Error ? error.name : 'thrown';
}
writeFileSync(outcomeFile, outcome);
process.exit(0);
