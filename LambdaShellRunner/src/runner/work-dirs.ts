import { chmod, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Name of the one work directory under the work root; fixed, so a leftover is found and removed. */
export const WORK_DIR_NAME = 'glr-runner';

/** The directories one invocation works in, all private to the function's user. */
export interface WorkDirs {
  readonly root: string;
  /** Holds `config.toml` with the runner token. */
  readonly config: string;
  readonly builds: string;
  readonly cache: string;
  /** HOME of gitlab-runner and of the job. */
  readonly home: string;
  /** TMPDIR of gitlab-runner and of the job. */
  readonly tmp: string;
}

/**
 * Creates a fresh work directory under `workRoot`, first removing whatever an earlier invocation
 * left (one that Lambda stopped at its timeout never reached its own clean-up).
 */
export const prepareWorkDirs = async (workRoot: string): Promise<WorkDirs> => {
  const root = join(workRoot, WORK_DIR_NAME);
  await removeTree(root);
  const dirs: WorkDirs = {
    root,
    config: join(root, 'config'),
    builds: join(root, 'builds'),
    cache: join(root, 'cache'),
    home: join(root, 'home'),
    tmp: join(root, 'tmp'),
  };
  for (const dir of [dirs.root, dirs.config, dirs.builds, dirs.cache, dirs.home, dirs.tmp]) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  }
  return dirs;
};

/**
 * Removes a directory tree, including read-only directories a job may leave (Go's module cache,
 * for one), which a plain recursive remove cannot empty.
 */
export const removeTree = async (path: string): Promise<void> => {
  try {
    await rm(path, { recursive: true, force: true });
  } catch (error) {
    if (!isPermissionError(error)) throw error;
    await makeWritable(path);
    await rm(path, { recursive: true, force: true });
  }
};

const isPermissionError = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && (error.code === 'EACCES' || error.code === 'EPERM');

const makeWritable = async (dir: string): Promise<void> => {
  await chmod(dir, 0o700);
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory()) await makeWritable(join(dir, entry.name));
  }
};
