import { chmod, mkdir, mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareWorkDirs, removeTree, WORK_DIR_NAME } from '../../../src/runner/work-dirs.ts';

const workRoot = () => mkdtemp(join(tmpdir(), 'glr-work-'));

describe('prepareWorkDirs', () => {
  it('creates private builds, cache, home, tmp and config directories under the work root', async () => {
    const root = await workRoot();
    const dirs = await prepareWorkDirs(root);
    expect(dirs.root).toBe(join(root, WORK_DIR_NAME));
    for (const dir of [dirs.config, dirs.builds, dirs.cache, dirs.home, dirs.tmp]) {
      expect(dir.startsWith(`${dirs.root}/`)).toBe(true);
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
    }
  });

  it('starts empty even when an earlier invocation left its work directory behind', async () => {
    const root = await workRoot();
    const first = await prepareWorkDirs(root);
    await writeFile(join(first.builds, 'left-over'), 'x');
    const second = await prepareWorkDirs(root);
    expect(await readdir(second.builds)).toEqual([]);
  });
});

describe('removeTree', () => {
  it('removes read-only directories a job left, such as a Go module cache', async () => {
    const root = await workRoot();
    const readOnly = join(root, 'tree', 'pkg', 'mod');
    await mkdir(readOnly, { recursive: true });
    await writeFile(join(readOnly, 'go.mod'), 'module x');
    await chmod(readOnly, 0o555);
    await chmod(join(root, 'tree', 'pkg'), 0o555);
    await removeTree(join(root, 'tree'));
    expect(await readdir(root)).toEqual([]);
  });

  it('accepts a path that does not exist', async () => {
    await expect(removeTree(join(await workRoot(), 'missing'))).resolves.toBeUndefined();
  });
});
