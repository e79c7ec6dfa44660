import { type ChildProcess, fork } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalFunction } from '../template/functions.ts';

/** What a child environment answers for one invocation. */
interface Answer {
  readonly requestId: string;
  readonly result?: unknown;
  readonly error?: { readonly errorType: string; readonly errorMessage: string; readonly stack: string };
}

interface Environment {
  readonly child: ChildProcess;
  readonly tmp: string;
}

const CHILD = join(import.meta.dirname, 'environment-child.ts');

/** `/tmp` and paths under it, in a function's environment, moved to the environment's own folder. */
const withOwnTmp = (environment: Readonly<Record<string, string>>, tmp: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      value === '/tmp' || value.startsWith('/tmp/') ? `${tmp}${value.slice(4)}` : value,
    ]),
  );

const errorFrom = (answer: NonNullable<Answer['error']>): Error => {
  const error = new Error(answer.errorMessage);
  error.name = answer.errorType;
  error.stack = answer.stack;
  return error;
};

/**
 * Lambda execution environments for one function as child processes: an invocation runs in an idle
 * environment or a new one, never two at once in one environment, and each environment has its own
 * `/tmp` (values `/tmp…` in the function's environment point into `<root>/<n>/tmp`). Used for
 * functions that rely on Lambda's one-invocation-per-sandbox model (the runner function cleans its
 * `/tmp` work dir at every start). A timed-out environment is killed, as Lambda does.
 */
export class ExecutionEnvironments {
  readonly #fn: LocalFunction;
  readonly #root: string;
  readonly #baseEnvironment: () => NodeJS.ProcessEnv;
  readonly #idle: Environment[] = [];
  readonly #all = new Set<Environment>();
  #created = 0;

  readonly #output: NodeJS.WritableStream;

  /** `output` receives the environments' stdout and stderr (their logs); default this process's stdout. */
  public constructor(
    fn: LocalFunction,
    root: string,
    baseEnvironment: () => NodeJS.ProcessEnv,
    output: NodeJS.WritableStream = process.stdout,
  ) {
    this.#fn = fn;
    this.#root = root;
    this.#baseEnvironment = baseEnvironment;
    this.#output = output;
  }

  /** Runs one invocation; rejects with the handler's error (same name) or a timeout error. */
  public async invoke(event: unknown, requestId: string, onTimeout: () => Error): Promise<unknown> {
    const environment = this.#idle.pop() ?? (await this.#create());
    let timer: NodeJS.Timeout | undefined;
    let onMessage: ((message: Answer) => void) | undefined;
    let onExit: (() => void) | undefined;
    try {
      const answer = await new Promise<Answer>((resolve, reject) => {
        onMessage = (message: Answer) => {
          if (message.requestId === requestId) resolve(message);
        };
        onExit = () => reject(new Error(`the execution environment of ${this.#fn.name} exited`));
        environment.child.on('message', onMessage);
        environment.child.once('exit', onExit);
        timer = setTimeout(() => reject(onTimeout()), this.#fn.timeoutSeconds * 1000);
        environment.child.send({ requestId, event });
      });
      this.#idle.push(environment);
      if (answer.error) throw errorFrom(answer.error);
      return answer.result;
    } catch (error) {
      if (!this.#idle.includes(environment)) this.#discard(environment);
      throw error;
    } finally {
      clearTimeout(timer);
      if (onMessage) environment.child.off('message', onMessage);
      if (onExit) environment.child.off('exit', onExit);
    }
  }

  /** Stops every environment. */
  public stop(): void {
    for (const environment of this.#all) this.#discard(environment);
  }

  async #create(): Promise<Environment> {
    this.#created += 1;
    const tmp = join(this.#root, String(this.#created), 'tmp');
    await mkdir(tmp, { recursive: true });
    const child = fork(CHILD, [JSON.stringify(this.#fn)], {
      env: { ...this.#baseEnvironment(), ...withOwnTmp(this.#fn.environment, tmp), TMPDIR: tmp },
      serialization: 'json',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stdout?.pipe(this.#output, { end: false });
    child.stderr?.pipe(this.#output, { end: false });
    const environment = { child, tmp };
    this.#all.add(environment);
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) =>
        reject(new Error(`the execution environment of ${this.#fn.name} exited (${code})`)),
      );
    });
    return environment;
  }

  #discard(environment: Environment): void {
    this.#all.delete(environment);
    environment.child.kill('SIGKILL');
  }
}
