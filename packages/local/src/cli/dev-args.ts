import { parseArgs } from 'node:util';
import { ConfigurationError } from '@glr/core';

/** What `pnpm dev` was asked to do. */
export interface DevOptions {
  readonly host: string;
  readonly port: number;
  /** `--data DIR`: keep DynamoDB and runner work dirs there across runs. */
  readonly dataDir?: string;
  /** `--logs`: print log lines instead of the live view. */
  readonly logs: boolean;
  readonly help: boolean;
}

/** `pnpm dev --help`. */
export const DEV_USAGE = `Usage: pnpm dev [--port N] [--host H] [--data DIR] [--logs]

Runs the whole product on this machine: the webhook, the AutoScaler's state machines and
handlers, DynamoDB (dynalite), EC2 and SSM (moto), runners as local processes, and the bundled
fake GitLab (or a real one, see below).

  --port   webhook port (default GLR_PORT or 8080)
  --host   interface to listen on (default 127.0.0.1)
  --data   keep DynamoDB and runner work dirs in DIR across runs (default: in memory, a temp dir)
  --logs   print log lines instead of the live view (the default when stdout is not a terminal)

A real GitLab: set GITLAB_URL, GITLAB_ACCESS_TOKEN (create_runner, manage_runner, read_api) or
GITLAB_REGISTRATION_TOKEN, and GITLAB_WEBHOOK_SECRET. Runners use gitlab-runner when it is on PATH
(or GLR_RUNNER_COMMAND), else the project's own local runner.`;

/** Parses `pnpm dev`'s flags; errors name the flag and the fix. */
export const parseDevArgs = (argv: readonly string[], environment: NodeJS.ProcessEnv): DevOptions => {
  let values: { port?: string; host?: string; data?: string; logs?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        logs: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ConfigurationError(`${(error as Error).message} (see pnpm dev --help)`, { cause: error });
  }
  const rawPort = values.port ?? environment.GLR_PORT ?? '8080';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigurationError(
      `--port (or GLR_PORT) must be a port number from 0 to 65535, got "${rawPort}"`,
    );
  }
  return {
    host: values.host ?? '127.0.0.1',
    port,
    ...(values.data ? { dataDir: values.data } : {}),
    logs: values.logs ?? false,
    help: values.help ?? false,
  };
};
