/**
 * Database writes that fail because of the disk (full, over a file-size limit, read-only,
 * failing), worded for the user: what stopped, which file, what to do. Other errors
 * (bugs, refused transitions) are not described here: callers keep their own wording.
 */

/**
 * A user-facing line for a failed write of run `runId` to `dbFile`, or null if `error` is
 * not about the disk. `stopped`: the failure ended the run's training (say so).
 */
export function diskWriteProblem(error: unknown, dbFile: string, runId: number, stopped = true): string | null {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  const so = stopped ? ', so it stopped' : '';
  const resume = 'then resume the run: it continues from its last saved checkpoint';
  if (code === 'SQLITE_FULL') return `not enough disk space to record run ${runId} in ${dbFile}${so}; free some space, ${resume}`;
  if (code.startsWith('SQLITE_IOERR')) {
    return `cannot write run ${runId} to ${dbFile} (${firstLine(error)}: the disk is full, over a file size limit or failing)${so}; make room, ${resume}`;
  }
  if (code.startsWith('SQLITE_READONLY')) return `cannot write run ${runId} to ${dbFile}: the database has become read-only${so}; make it writable, ${resume}`;
  return null;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/**
 * A user-facing line for a failed write of `what` ("the dataset") to `dbFile`, or null if
 * `error` is not about the disk. Nothing else was recorded (the write was one transaction).
 */
export function diskWriteText(error: unknown, dbFile: string, what: string): string | null {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return `not enough disk space to record ${what} in ${dbFile}; free some space, then try again (nothing was recorded)`;
  if (code.startsWith('SQLITE_IOERR')) return `cannot write ${what} to ${dbFile} (${firstLine(error)}: the disk is full, over a file size limit or failing); nothing was recorded`;
  if (code.startsWith('SQLITE_READONLY')) return `cannot write ${what} to ${dbFile}: the database has become read-only; nothing was recorded`;
  return null;
}
