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
import { parseCancelCommand, parsePipelineCommand, parseServeCommand } from './cli-args.ts';
import { startFakeGitLab } from './fake-gitlab.ts';

const write = (line: string) => process.stdout.write(`${line}\n`);

const serve = async (args: string[]) => {
  const fake = await startFakeGitLab(parseServeCommand(args, process.env));
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
  const { url, project, ref, file } = parsePipelineCommand(args);
  const yaml = file === '-' ? await text(process.stdin) : await readFile(file, 'utf8');
  await post(
    `${url}/fake/projects/${encodeURIComponent(project)}/pipelines?ref=${encodeURIComponent(ref)}`,
    yaml,
  );
};

const cancel = async (args: string[]) => {
  const { url, job, force } = parseCancelCommand(args);
  await post(`${url}/fake/jobs/${encodeURIComponent(job)}/cancel?force=${force}`);
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
