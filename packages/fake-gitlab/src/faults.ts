/** A fault to inject into the next requests matching `method` and `path`. */
export interface FaultSpec {
  /** HTTP method to match; any method when absent. */
  readonly method?: string;
  /** Exact path (no query string) or a pattern tested against it. */
  readonly path: string | RegExp;
  /** How many matching requests get the fault (default 1). */
  readonly times?: number;
  /** Answer this status instead of handling the request. Without it, the request is handled normally. */
  readonly status?: number;
  /** `Retry-After` header value (seconds or HTTP date) sent with `status`. */
  readonly retryAfter?: string | number;
  /** Body sent with `status`: JSON unless a string. Default GitLab's `{"message": "<status>"}`. */
  readonly body?: unknown;
  /** Wait this long before answering (to exercise client timeouts). */
  readonly delayMs?: number;
}

interface ArmedFault {
  readonly spec: FaultSpec;
  remaining: number;
}

/** Holds armed faults and hands out the first one matching a request, counting it down. */
export class FaultInjector {
  private readonly faults: ArmedFault[] = [];

  /** Arms a fault. */
  public add(spec: FaultSpec): void {
    this.faults.push({ spec, remaining: spec.times ?? 1 });
  }

  /** Disarms every fault. */
  public clear(): void {
    this.faults.length = 0;
  }

  /** The fault for this request, if any; each call uses up one of its `times`. */
  public take(method: string, path: string): FaultSpec | undefined {
    const armed = this.faults.find(
      (fault) =>
        fault.remaining > 0 &&
        (fault.spec.method === undefined || fault.spec.method.toUpperCase() === method) &&
        (typeof fault.spec.path === 'string' ? fault.spec.path === path : fault.spec.path.test(path)),
    );
    if (!armed) return undefined;
    armed.remaining -= 1;
    if (armed.remaining === 0) this.faults.splice(this.faults.indexOf(armed), 1);
    return armed.spec;
  }
}
