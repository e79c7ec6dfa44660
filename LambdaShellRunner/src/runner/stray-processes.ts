import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** How often, and how many times, to look whether killed processes are gone. */
const EXIT_POLL_MS = 20;
const EXIT_POLLS = 100;

/**
 * Kills every process whose environment holds `name=value`: what a job started and left running
 * (a daemon, a `nohup` command). Lambda freezes such processes with the container and thaws them
 * in the next invocation, so they must not outlive this one. Waits until they have exited, so
 * none writes into the work directory while it is removed. Linux only (`/proc`); elsewhere it
 * finds nothing. Returns the ids of the processes it killed.
 */
export const killMarkedProcesses = async (name: string, value: string): Promise<number[]> => {
  const marker = Buffer.from(`${name}=${value}\0`);
  const killed: number[] = [];
  for (const pid of await listProcessIds()) {
    if (pid === process.pid) continue;
    const environ = await readFile(`/proc/${pid}/environ`).catch(() => undefined);
    if (environ && holdsEntry(environ, marker) && sendKill(pid)) killed.push(pid);
  }
  await waitUntilExited(killed);
  return killed;
};

/** Whether a process is still running: not gone and not a zombie waiting to be reaped. */
export const isRunning = async (pid: number): Promise<boolean> => {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
};

const holdsEntry = (environ: Buffer, entry: Buffer): boolean =>
  environ.subarray(0, entry.length).equals(entry) ||
  environ.includes(Buffer.concat([Buffer.from([0]), entry]));

const listProcessIds = async (): Promise<number[]> => {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  return entries.filter((entry) => /^\d+$/.test(entry)).map(Number);
};

const sendKill = (pid: number): boolean => {
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    // Gone already, or not ours to kill.
    return false;
  }
};

const waitUntilExited = async (pids: readonly number[]): Promise<void> => {
  for (let poll = 0; poll < EXIT_POLLS; poll += 1) {
    const running = await Promise.all(pids.map(isRunning));
    if (!running.includes(true)) return;
    await sleep(EXIT_POLL_MS);
  }
};
