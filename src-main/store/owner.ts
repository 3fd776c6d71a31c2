/**
 * Who trains a 'running' run: a process id alone is not enough, since the system hands a
 * dead process' id to the next process it starts. A run records its owner's id, the
 * owner's start time (which a reused id does not share) and a heartbeat the owner
 * refreshes every second. A live app takes the owner for gone when its id is free, or taken
 * by a process that started at another time, or, where start times cannot be read (no
 * /proc), when the heartbeat stopped.
 */
import { readFileSync } from 'node:fs';

/** The owner refreshes its runs' heartbeat this often (the app's owner watch, the CLI's timer). */
export const HEARTBEAT_MS = 1000;

/**
 * A heartbeat older than this marks its owner gone where its start time cannot be checked.
 * Ten beats: an owner whose thread is busy with a slow write or a loaded machine must not
 * lose its run; a killed one is caught at once by its process id anyway.
 */
export const HEARTBEAT_STALE_MS = 10_000;

/**
 * When process `pid` started, as a string only equal for the same process: on Linux its
 * start in clock ticks since boot (field 22 of /proc/PID/stat), prefixed `proc:`. Null
 * where that cannot be read (no /proc, the process gone); the heartbeat covers those.
 */
export function processStartTime(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // the command name (field 2) is in parentheses and may hold spaces or ')': fields count from the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = fields[19]; // field 22 overall: fields 3.. start at index 0
  return ticks !== undefined && /^\d+$/.test(ticks) ? `proc:${ticks}` : null;
}

/**
 * This process as an owner. Without /proc, its start time from the clock (`clock:` ms):
 * a different process never has the same one, though another process cannot check it.
 */
export const THIS_PROCESS = {
  pid: process.pid,
  started: processStartTime(process.pid) ?? `clock:${Math.round(performance.timeOrigin)}`,
};

/** What the store knows of a running run's owner. */
export interface RecordedOwner {
  pid: number | null;
  started: string | null;
  heartbeatAt: number | null;
}

export interface OwnerProbe {
  /** whether a process with this id exists */
  isAlive(pid: number): boolean;
  /** its start time as processStartTime gives it, or null when unknown */
  startTime(pid: number): string | null;
  now(): number;
}

export const systemProbe: OwnerProbe = { isAlive: processIsAlive, startTime: processStartTime, now: Date.now };

/**
 * Why the owner of a running run is gone, or null while it is alive. This process' own
 * runs are alive (its training service answers for them); a run of an earlier process
 * with the same id is not.
 */
export function ownerGone(owner: RecordedOwner, probe: OwnerProbe = systemProbe): string | null {
  const { pid, started, heartbeatAt } = owner;
  if (pid === null) return 'the app stopped while this run was training';
  if (pid === THIS_PROCESS.pid) {
    return started === null || started === THIS_PROCESS.started ? null : 'the app stopped while this run was training';
  }
  if (!probe.isAlive(pid)) return `the process training it (pid ${pid}) ended without finishing it`;
  const now = started !== null && started.startsWith('proc:') ? probe.startTime(pid) : null;
  if (now !== null) {
    // the owner itself, alive: busy or stopped (Ctrl+Z) it may be silent, but it can go on and must keep its run
    return now === started ? null : `the process training it (pid ${pid}) ended without finishing it (that id now belongs to another process)`;
  }
  if (heartbeatAt !== null) {
    const silent = probe.now() - heartbeatAt;
    if (silent > HEARTBEAT_STALE_MS) return `the process training it (pid ${pid}) stopped answering (no heartbeat for ${Math.round(silent / 1000)} s)`;
  }
  return null;
}

/** Whether a process with this id exists (signal 0 checks without sending anything). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
