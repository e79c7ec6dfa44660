import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { type LoggerPort, silentLogger } from '@glr/core';
import { FunctionNotFoundError, LambdaFunctionError, LocalStackError } from '../errors.ts';
import type { LocalFunction } from '../template/functions.ts';
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

/** The function name of a name, a partial ARN (`123:function:name`) or a full ARN, without qualifier. */
const functionNameOf = (nameOrArn: string): string => {
  const match = /(?:^|:)function:([^:]+)/.exec(nameOrArn);
  return match?.[1] ?? nameOrArn;
};

/**
 * Runs Lambda handlers in this process, each `handler(event, context)` call behaving like an
 * invocation: the event crosses as JSON, the context is realistic, `Timeout` is enforced, and a
 * thrown error becomes a {@link LambdaFunctionError} carrying the handler error's name.
 *
 * Every function's environment is merged into `process.env` before any handler is loaded, since
 * handlers read their settings once at load time; two functions setting one variable to different
 * values are reported (they cannot both be honoured in one process), except the observability and
 * runtime variables each function sets for itself (`POWERTOOLS_SERVICE_NAME`, `NODE_OPTIONS`, …).
 */
export class LocalLambdaRuntime {
  readonly #functions = new Map<string, LocalFunction>();
  readonly #modules = new Map<string, Promise<Handler>>();
  readonly #logger: LoggerPort;

  /**
   * @param overrides variables set after the functions' own, winning over them (local paths such
   *   as a work root or the runner command).
   */
  public constructor(
    functions: readonly LocalFunction[],
    logger: LoggerPort = silentLogger,
    overrides: Readonly<Record<string, string>> = {},
  ) {
    this.#logger = logger;
    for (const fn of functions) {
      this.#functions.set(fn.name, fn);
      this.#functions.set(fn.logicalId, fn);
    }
    this.#applyEnvironment(functions);
    Object.assign(process.env, overrides);
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
    const handler = await this.#load(fn);
    const awsRequestId = randomUUID();
    const context = createLambdaContext(fn, awsRequestId);
    const event: unknown = JSON.parse(JSON.stringify(payload ?? null));
    this.#logger.debug('invoke', { function: fn.name, awsRequestId });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`);
        error.name = LAMBDA_TIMEOUT_ERROR;
        reject(error);
      }, fn.timeoutSeconds * 1000);
    });
    try {
      const result = await Promise.race([Promise.resolve().then(() => handler(event, context)), timeout]);
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } catch (error) {
      throw new LambdaFunctionError(error);
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
