import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

/** An embedded DynamoDB (dynalite) on loopback. No transactions and no TTL expiry. */
export interface DynaliteServer {
  /** `http://127.0.0.1:<port>`: give it to DynamoDB clients as `endpoint`. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Starts dynalite in memory (or in `path`) on a free loopback port; tables become ACTIVE at once. */
export const startDynalite = async (options: { path?: string } = {}): Promise<DynaliteServer> => {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: options.path });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
