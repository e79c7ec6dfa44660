/** Root of every error the benchmarks and the cost model throw. */
export class BenchError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BenchError';
  }
}

/** A command-line flag of `pnpm cost` or `pnpm bench` is missing, malformed or out of range. */
export class FlagError extends BenchError {
  /** The flag at fault, e.g. `--job-minutes`. */
  public readonly flag: string;

  public constructor(flag: string, message: string, options?: ErrorOptions) {
    super(`${flag}: ${message}`, options);
    this.name = 'FlagError';
    this.flag = flag;
  }
}

/** A benchmark counted something other than it must (runners started, duplicates, leftovers). */
export class CountMismatchError extends BenchError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CountMismatchError';
  }
}
