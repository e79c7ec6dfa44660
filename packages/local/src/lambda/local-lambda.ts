import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type LoggerPort, silentLogger } from '@glr/core';
import { FunctionNotFoundError, LambdaFunctionError, LocalStackError } from '../errors.ts';
import type { LocalFunction } from '../template/functions.ts';
import { ExecutionEnvironments } from './execution-environments.ts';
import { createLambdaContext } from './lambda-context.ts';

type Handler = (event: unknown, context: ReturnType<typeof createLambdaContext>) => unknown;

/**
 * Variables each function sets for itself that one process cannot hold per function; they only
 * name or tune observability and the runtime, so they are left to the process's own values.
 */
const PER_FUNCTION_ONLY = new Set([
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',
  'NODE_OPTIONS',
]);

/** The error a function that runs past its `Timeout` fails with, as the Lambda runtime names it. */
export const LAMBDA_TIMEOUT_ERROR = 'Sandbox.Timedout';

/** Options of {@link LocalLambdaRuntime}. */
export interface LocalLambdaRuntimeOptions {
  readonly functions: readonly LocalFunction[];
  readonly logger?: LoggerPort;
  /** Variables set after the functions' own, winning over them (local paths, the runner command). */
  readonly overrides?: Readonly<Record<string, string>>;
  /**
   * Functions (logical ids) run in child-process execution environments with their own `/tmp`
   * under `root`, instead of in this process (see `ExecutionEnvironments`).
   */
  readonly isolate?: {
    readonly functions: readonly string[];
    readonly root: string;
    /** Where the environments' stdout and stderr go (default this process's stdout). */
    readonly output?: NodeJS.WritableStream;
  };
}

/** The function name of a name, a partial ARN (`123:function:name`) or a full ARN, without qualifier. */
const functionNameOf = (nameOrArn: string): string => {
  const match = /(?:^|:)function:([^:]+)/.exec(nameOrArn);
  return match?.[1] ?? nameOrArn;
};

const timeoutError = (fn: LocalFunction) => () => {
  const error = new Error(`Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`);
  error.name = LAMBDA_TIMEOUT_ERROR;
  return error;
};

/**
 * Runs Lambda handlers locally, each `handler(event, context)` call behaving like an invocation:
 * the event crosses as JSON, the context is realistic, `Timeout` is enforced, and a thrown error
 * becomes a {@link LambdaFunctionError} carrying the handler error's name.
 *
 * Handlers run in this process, except the `isolate`d ones. Every in-process function's
 * environment is merged into `process.env` before any handler is loaded, since handlers read
 * their settings once at load time; two functions setting one variable to different values are
 * reported (they cannot both be honoured in one process), except the observability and runtime
 * variables each function sets for itself (`POWERTOOLS_SERVICE_NAME`, `NODE_OPTIONS`, …).
 */
export class LocalLambdaRuntime {
  readonly #functions = new Map<string, LocalFunction>();
  readonly #modules = new Map<string, Promise<Handler>>();
  readonly #environments = new Map<string, ExecutionEnvironments>();
  readonly #logger: LoggerPort;

  public constructor(options: LocalLambdaRuntimeOptions) {
    this.#logger = options.logger ?? silentLogger;
    const isolated = new Set(options.isolate?.functions ?? []);
    for (const fn of options.functions) {
      this.#functions.set(fn.name, fn);
      this.#functions.set(fn.logicalId, fn);
      if (isolated.has(fn.logicalId) && options.isolate) {
        const root = join(options.isolate.root, fn.name);
        const environments = new ExecutionEnvironments(fn, root, () => process.env, options.isolate.output);
        this.#environments.set(fn.logicalId, environments);
      }
    }
    this.#applyEnvironment(options.functions.filter((fn) => !isolated.has(fn.logicalId)));
    Object.assign(process.env, options.overrides ?? {});
  }

  /** The function a name, ARN or logical id designates. */
  public find(nameOrArn: string): LocalFunction {
    const fn = this.#functions.get(functionNameOf(nameOrArn));
    if (!fn) throw new FunctionNotFoundError(nameOrArn);
    return fn;
  }

  /** Invokes a function synchronously (`RequestResponse`) and returns its JSON result. */
  public async invoke(nameOrArn: string, payload: unknown): Promise<unknown> {
    const fn = this.find(nameOrArn);
    const awsRequestId = randomUUID();
    const event: unknown = JSON.parse(JSON.stringify(payload ?? null));
    this.#logger.debug('invoke', { function: fn.name, awsRequestId });
    try {
      const environments = this.#environments.get(fn.logicalId);
      const result = environments
        ? await environments.invoke(event, awsRequestId, timeoutError(fn))
        : await this.#invokeInProcess(fn, event, awsRequestId);
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } catch (error) {
      throw new LambdaFunctionError(error);
    }
  }

  /** Stops the execution environments of isolated functions. */
  public stop(): void {
    for (const environments of this.#environments.values()) environments.stop();
  }

  async #invokeInProcess(fn: LocalFunction, event: unknown, awsRequestId: string): Promise<unknown> {
    const handler = await this.#load(fn);
    const context = createLambdaContext(fn, awsRequestId);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(timeoutError(fn)()), fn.timeoutSeconds * 1000);
    });
    try {
      return await Promise.race([Promise.resolve().then(() => handler(event, context)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  #load(fn: LocalFunction): Promise<Handler> {
    let loaded = this.#modules.get(fn.handlerPath);
    if (!loaded) {
      loaded = import(pathToFileURL(fn.handlerPath).href).then((module: { handler?: unknown }) => {
        if (typeof module.handler !== 'function') {
          throw new LocalStackError(`${fn.handlerPath} does not export a function named handler`);
        }
        return module.handler as Handler;
      });
      this.#modules.set(fn.handlerPath, loaded);
    }
    return loaded;
  }

  #applyEnvironment(functions: readonly LocalFunction[]): void {
    const setBy = new Map<string, string>();
    for (const fn of functions) {
      for (const [name, value] of Object.entries(fn.environment)) {
        if (PER_FUNCTION_ONLY.has(name)) continue;
        const previous = setBy.get(name);
        if (previous && process.env[name] !== value) {
          this.#logger.warn('environment variable set differently by two functions; the first wins', {
            variable: name,
            functions: [previous, fn.logicalId],
          });
          continue;
        }
        process.env[name] = value;
        setBy.set(name, fn.logicalId);
      }
    }
  }
}
