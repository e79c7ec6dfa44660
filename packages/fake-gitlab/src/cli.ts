#!/usr/bin/env node
/**
 * Fake GitLab command line (see README):
 *   node packages/fake-gitlab/src/cli.ts serve [--host H] [--port P] [--webhook-url U] [--pending-timeout S] [--two-phase-commit]
 *   node packages/fake-gitlab/src/cli.ts pipeline --url U [--project 42] [--ref main] --file ci.yml   (--file - reads stdin)
 *   node packages/fake-gitlab/src/cli.ts cancel --url U --job N [--force]
 * Secrets come from the environment, never from arguments: FAKE_GITLAB_ACCESS_TOKEN (an administrator
 * token with the api scope), FAKE_GITLAB_REGISTRATION_TOKEN, FAKE_GITLAB_WEBHOOK_SECRET.
 */
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { startFakeGitLab } from './fake-gitlab.ts';

const write = (line: string) => process.stdout.write(`${line}\n`);

const serve = async (args: string[]) => {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      'webhook-url': { type: 'string' },
      'pending-timeout': { type: 'string' },
      'two-phase-commit': { type: 'boolean', default: false },
    },
  });
  const accessToken = process.env.FAKE_GITLAB_ACCESS_TOKEN;
  const fake = await startFakeGitLab({
    host: values.host,
    port: Number(values.port),
    accessTokens: accessToken ? [{ token: accessToken, scopes: ['api'], admin: true }] : [],
    registrationToken: process.env.FAKE_GITLAB_REGISTRATION_TOKEN ?? null,
    twoPhaseCommit: values['two-phase-commit'],
    ...(values['pending-timeout'] ? { pendingTimeoutSeconds: Number(values['pending-timeout']) } : {}),
    ...(values['webhook-url']
      ? { webhook: { url: values['webhook-url'], secretToken: process.env.FAKE_GITLAB_WEBHOOK_SECRET } }
      : {}),
  });
  write(JSON.stringify({ url: fake.url }));
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
};

const post = async (url: string, body?: string) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/yaml' }, body });
  const answer = await response.text();
  if (!response.ok) throw new Error(`fake GitLab answered ${response.status}: ${answer}`);
  write(answer);
};

const pipeline = async (args: string[]) => {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      project: { type: 'string', default: '42' },
      ref: { type: 'string', default: 'main' },
      file: { type: 'string' },
    },
  });
  if (!values.url || !values.file)
    throw new Error('pipeline needs --url and --file (use --file - for stdin)');
  const yaml = values.file === '-' ? await text(process.stdin) : await readFile(values.file, 'utf8');
  const ref = encodeURIComponent(values.ref);
  await post(`${values.url}/fake/projects/${encodeURIComponent(values.project)}/pipelines?ref=${ref}`, yaml);
};

const cancel = async (args: string[]) => {
  const { values } = parseArgs({
    args,
    options: { url: { type: 'string' }, job: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  if (!values.url || !values.job) throw new Error('cancel needs --url and --job');
  await post(`${values.url}/fake/jobs/${encodeURIComponent(values.job)}/cancel?force=${values.force}`);
};

const commands: Record<string, (args: string[]) => Promise<void>> = { serve, pipeline, cancel };
const [name = '', ...rest] = process.argv.slice(2);
const command = commands[name];
if (!command) {
  process.stderr.write(
    'usage: cli.ts serve|pipeline|cancel [options] (see packages/fake-gitlab/README.md)\n',
  );
  process.exit(2);
}
command(rest).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
