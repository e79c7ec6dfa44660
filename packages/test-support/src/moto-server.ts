import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { EmulatorStartError } from './errors.ts';

/** A moto server (AWS emulator) on loopback, for EC2, SSM, EventBridge, Lambda, CloudFormation. */
export interface MotoServer {
  /** `http://127.0.0.1:<port>`: give it to AWS SDK clients as `endpoint`. */
  readonly endpoint: string;
  /** Drops every resource moto holds (`POST /moto-api/reset`), between tests. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });

const waitUntilServing = async (endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new EmulatorStartError(`moto server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new EmulatorStartError(`moto server did not answer on ${endpoint} within ${timeoutMs} ms`);
};

/**
 * Starts `python3 -m moto.server` on a free loopback port (`make` puts the project's virtualenv,
 * which has moto, first on PATH). Stop it in `afterAll`.
 */
export const startMotoServer = async (options: { timeoutMs?: number } = {}): Promise<MotoServer> => {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // A test file that dies before its afterAll must not leave the server running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    await waitUntilServing(endpoint, child, options.timeoutMs ?? 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new EmulatorStartError(`${(error as Error).message}\n${stderr}`, { cause: error });
  }
  return {
    endpoint,
    reset: async () => {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    stop: () =>
      new Promise((resolve) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};
