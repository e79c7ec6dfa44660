/** Where an adapter's AWS client points when the caller does not pass a client of its own. */
export interface AwsClientSettings {
  readonly region?: string;
  /** A named profile from the shared AWS config files. */
  readonly profile?: string;
  /** An emulator or local endpoint, e.g. `http://127.0.0.1:8000`. */
  readonly endpoint?: string;
}

/** The SDK client configuration for `settings`, leaving unset fields to the SDK's own resolution. */
export const clientConfig = (settings: AwsClientSettings = {}): AwsClientSettings =>
  Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
