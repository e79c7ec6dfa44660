import { readdir, readFile } from 'node:fs/promises';

/**
 * Kills every process whose environment holds `name=value`: what a job started and left running
 * (a daemon, a `nohup` command). Lambda freezes such processes with the container and thaws them
 * in the next invocation, so they must not outlive this one. Linux only (`/proc`); elsewhere it
 * finds nothing. Returns the ids of the processes it signalled.
 */
export const killMarkedProcesses = async (name: string, value: string): Promise<number[]> => {
  const marker = Buffer.from(`${name}=${value}\0`);
  const pids = await listProcessIds();
  const marked: number[] = [];
  for (const pid of pids) {
    if (pid === process.pid) continue;
    const environ = await readFile(`/proc/${pid}/environ`).catch(() => undefined);
    if (!environ) continue;
    if (environ.subarray(0, marker.length).equals(marker) || environ.includes(Buffer.concat([NUL, marker]))) {
      if (signal(pid)) marked.push(pid);
    }
  }
  return marked;
};

const NUL = Buffer.from([0]);

const listProcessIds = async (): Promise<number[]> => {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  return entries.filter((entry) => /^\d+$/.test(entry)).map(Number);
};

const signal = (pid: number): boolean => {
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    // Gone already, or not ours to kill.
    return false;
  }
};
