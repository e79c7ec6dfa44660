import { execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One recorded event: a command a stand-in ran for the script, or a request one of the local servers got. */
export interface CallRecord {
  readonly cmd: string;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** HTTP requests only. */
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What a finished script run left behind. */
export interface ScriptRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly calls: readonly CallRecord[];
}

/** Real tools the scripts may use. No `poweroff`, `systemctl` or `aws` is reachable: those are stand-ins. */
const REAL_TOOLS = [
  'basename',
  'bash',
  'cat',
  'chmod',
  'cut',
  'date',
  'dirname',
  'env',
  'grep',
  'head',
  'mkdir',
  'rm',
  'sed',
  'sha256sum',
  'stat',
] as const;
/** Real tools that are also recorded: each call is logged, then the real binary runs. */
const RECORDED_REAL_TOOLS = ['curl', 'jq'] as const;

const which = (tool: string): string =>
  execFileSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();

// Appends one JSON line {cmd, argv, env} to the calls file; used by every stand-in before it acts.
const RECORD_PRELUDE = `#!/usr/bin/env bash
set -euo pipefail
"$GLR_TEST_JQ" -cn --arg cmd "$(basename "$0")" '{cmd: $cmd, argv: $ARGS.positional, env: $ENV}' --args -- "$@" \\
  >>"$GLR_TEST_SANDBOX/calls.jsonl"
control=$GLR_TEST_SANDBOX/control
`;

/** A throw-away directory with a PATH of stand-ins and allow-listed real tools, and a calls log. */
export class Sandbox {
  readonly root: string;
  readonly binDir: string;
  readonly controlDir: string;
  readonly stateDir: string;
  readonly callsFile: string;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'glr-sandbox-'));
    this.binDir = join(this.root, 'bin');
    this.controlDir = join(this.root, 'control');
    this.stateDir = join(this.root, 'state');
    this.callsFile = join(this.root, 'calls.jsonl');
    for (const dir of [this.binDir, this.controlDir, join(this.root, 'system')]) mkdirSync(dir);
    writeFileSync(this.callsFile, '');
    for (const tool of REAL_TOOLS) symlinkSync(which(tool), join(this.root, 'system', tool));
    for (const tool of RECORDED_REAL_TOOLS) {
      this.standIn(tool, `exec ${JSON.stringify(which(tool))} "$@"\n`);
    }
  }

  /** Writes an executable stand-in that records its call, then runs `body` (bash). */
  standIn(name: string, body: string): void {
    const file = join(this.binDir, name);
    writeFileSync(file, RECORD_PRELUDE + body);
    chmodSync(file, 0o755);
  }

  /** Sets a control file the stand-ins read. */
  control(name: string, content: string): void {
    writeFileSync(join(this.controlDir, name), content);
  }

  readControl(name: string): string {
    return readFileSync(join(this.controlDir, name), 'utf8');
  }

  /** Records an event that did not come from a stand-in (an HTTP request to a local server). */
  record(event: CallRecord): void {
    appendFileSync(this.callsFile, `${JSON.stringify(event)}\n`);
  }

  calls(): CallRecord[] {
    return readFileSync(this.callsFile, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as CallRecord);
  }

  /** The environment every run starts from: the sandbox PATH only, nothing inherited. */
  baseEnvironment(): Record<string, string> {
    return {
      PATH: `${this.binDir}:${join(this.root, 'system')}`,
      HOME: this.root,
      LANG: 'C.UTF-8',
      GLR_TEST_SANDBOX: this.root,
      GLR_TEST_JQ: which('jq'),
      GLR_TEST_SLEEP: which('sleep'),
    };
  }

  /**
   * Runs a script with bash in the sandbox. `onCall` sees every new calls-file line while the script
   * runs (used to signal the script at a given step).
   */
  run(
    script: string,
    args: readonly string[],
    env: Record<string, string>,
    onCall?: (call: CallRecord, pid: number) => void,
  ): Promise<ScriptRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(which('bash'), [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let seen = 0;
      const poll = onCall
        ? setInterval(() => {
            const calls = this.calls();
            for (const call of calls.slice(seen)) if (child.pid !== undefined) onCall(call, child.pid);
            seen = calls.length;
          }, 20)
        : undefined;
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on('error', reject);
      child.on('close', (exitCode, signal) => {
        clearInterval(poll);
        resolve({ exitCode, signal, stdout, stderr, calls: this.calls() });
      });
    });
  }
}
