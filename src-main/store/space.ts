import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { RunStatus } from '../../src-shared/training/records';
import type { MetricRepository } from './metric-repository';

/**
 * Disk space of the lab database: how much it takes and where, and giving space back
 * without holding the main thread. Every long job here is cut into slices of at most
 * `sliceMs` of database work, with a turn of the event loop between slices, so pause,
 * cancel and the UI's calls are answered while a run is deleted or the file compacted.
 */

export interface StorageFigures {
  /** the database file */
  fileBytes: number;
  /** its write-ahead log beside it */
  walBytes: number;
  /** pages inside the file that hold nothing (deleted data not yet given back) */
  freeBytes: number;
  /** whether free pages can be given back a few at a time (files created before schema 3 need one full compaction first) */
  incremental: boolean;
}

export interface RunSpace {
  runId: number;
  name: string;
  status: RunStatus;
  checkpoints: number;
  /** checkpoint bytes plus its metric rows (MetricRepository.names) at METRIC_ROW_BYTES each */
  bytes: number;
}

export interface CompactProgress {
  phase: 'freeing' | 'rebuilding';
  done: number;
  total: number;
}

/**
 * Bytes a metric row takes in the metrics table (key, epoch and value, b-tree overhead
 * included): 39.98 measured with SQLite's dbstat on the long-run benchmark's database
 * (8.1 M rows of the recorder's series in 323.8 MB of pages).
 */
const METRIC_ROW_BYTES = 40;
/** Metric rows deleted per statement while a run is deleted. */
const METRIC_DELETE_CHUNK = 1_000;
/**
 * How a run's metric rows are deleted, a chunk at a time: the first METRIC_DELETE_CHUNK rows
 * of its first series left, as a range of steps under the series' full key (matching a list
 * of keys instead, IN (SELECT … LIMIT n), took twice as long: an ephemeral table of the
 * keys, then a seek for each). Run under withoutForeignKeys. Exported for the test of their plans.
 */
export const METRIC_CHUNK_SQL = {
  firstSeries: 'SELECT split, name FROM metrics WHERE run_id = ? ORDER BY split, name, step LIMIT 1',
  chunkEnd: `SELECT step FROM metrics WHERE run_id = ? AND split = ? AND name = ? ORDER BY step LIMIT 1 OFFSET ${METRIC_DELETE_CHUNK - 1}`,
  chunk: 'DELETE FROM metrics WHERE run_id = ? AND split = ? AND name = ? AND step <= ?',
  /** the series' last rows, fewer than a chunk */
  rest: 'DELETE FROM metrics WHERE run_id = ? AND split = ? AND name = ?',
};
/** Pages handed back per incremental_vacuum call (256 KiB of 4 KiB pages: a few ms of work, so a slice ends near its 10 ms). */
const VACUUM_CHUNK_PAGES = 64;

export function storageFigures(db: Database.Database): StorageFigures {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  return {
    fileBytes: fileSize(db.name),
    walBytes: fileSize(`${db.name}-wal`),
    freeBytes: free * pageSize,
    incremental: db.pragma('auto_vacuum', { simple: true }) === 2,
  };
}

/**
 * Runs `fn` (one statement, outside a transaction) with foreign keys off, then puts them
 * back as they were. For deleting metric rows only: a row of a table that refers to another
 * (metrics → runs) can be deleted without breaking a reference, but SQLite, with foreign
 * keys on, deletes such rows in two passes (the keys gathered first, then each sought again)
 * where it otherwise deletes as it goes: 2–4 times as fast (162,000 rows of a 3,000-epoch
 * run: 450–530 ms against 70–190 ms under load). Not for checkpoints: exports refer to them.
 * The pragma is a no-op inside a transaction (the statement then runs with them on).
 */
export function withoutForeignKeys<T>(db: Database.Database, fn: () => T): T {
  const on = db.pragma('foreign_keys', { simple: true }) === 1;
  if (on) db.pragma('foreign_keys = OFF');
  try {
    return fn();
  } finally {
    if (on) db.pragma('foreign_keys = ON');
  }
}

/** Lets the event loop run between slices of database work. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `work` repeatedly until it returns false, at most `sliceMs` per event-loop turn. */
async function inSlices(sliceMs: number, work: () => boolean): Promise<void> {
  for (;;) {
    const start = performance.now();
    while (performance.now() - start < sliceMs) {
      if (!work()) return;
    }
    await nextTurn();
  }
}

/**
 * The one-time rebuild of a file without incremental auto-vacuum, on its own connection in
 * a worker thread (a VACUUM rewrites the whole file in one statement). Plain CommonJS
 * evaluated in the worker, so it needs no bundled entry of its own.
 */
const REBUILD_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : undefined);
try {
  db.pragma('busy_timeout = 30000');
  db.pragma('auto_vacuum = INCREMENTAL');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  parentPort.postMessage({ ok: true });
} catch (error) {
  parentPort.postMessage({ ok: false, error: error.message });
} finally {
  db.close();
}`;

/**
 * Keeps the write-ahead log short, on its own connection in a worker thread. Every
 * `intervalMs` it copies the log back into the database file (PASSIVE: it never waits for,
 * nor blocks, main's writes). Left to main's connection, SQLite does that inside whichever
 * commit crosses 1,000 pages, with an fsync: on a busy disk, seconds of a frozen main thread.
 *
 * Copying is not enough to shrink the log: SQLite starts it over from the beginning only when
 * a writer begins at a moment the log is wholly copied, which a writer that commits without
 * pause (a recorder catching up, a delete, an incremental vacuum) never meets, so the -wal
 * file grew by every byte written (900 MB after six 300-epoch runs) and kept that size
 * after everything was deleted. So once a PASSIVE pass has copied every frame and the file
 * is over `limitBytes`, a TRUNCATE checkpoint cuts it to nothing: with (almost) nothing left
 * to copy it holds the write lock only for the truncate and what main committed in between,
 * and with busy_timeout 0 it gives up at once, to try again next time, when a reader is
 * still in the log or main is writing.
 *
 * A 'shrink' message asks for the log cut to nothing now (after a compaction or a large
 * delete), retried for up to two seconds; the answer carries the log's size after.
 * With `intervalMs` null the worker only answers such messages (no app running the timer).
 */
const LOG_CHECKPOINT_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.module);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : undefined);
const walFile = workerData.file + '-wal';
const walBytes = () => { try { return statSync(walFile).size; } catch { return 0; } };
const pause = new Int32Array(new SharedArrayBuffer(4));
function checkpoint(limitBytes) {
  const [copied] = db.pragma('wal_checkpoint(PASSIVE)');
  if (copied.log !== copied.checkpointed || walBytes() <= limitBytes) return;
  db.pragma('busy_timeout = 0');
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.pragma('busy_timeout = 1000');
  }
}
db.pragma('busy_timeout = 1000');
const timer = workerData.intervalMs === null ? null : setInterval(() => {
  try {
    checkpoint(workerData.limitBytes);
  } catch (error) {
    parentPort.postMessage({ error: error.message });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message.shrink !== undefined) {
    try {
      for (let attempt = 0; attempt < 100 && walBytes() > 0; attempt++) {
        checkpoint(0);
        if (walBytes() > 0) Atomics.wait(pause, 0, 0, 20);
      }
      parentPort.postMessage({ shrunk: message.shrink, walBytes: walBytes() });
    } catch (error) {
      parentPort.postMessage({ shrunk: message.shrink, error: error.message });
    }
    return;
  }
  clearInterval(timer);
  db.close();
  parentPort.close();
});`;

export interface SpaceKeeperOptions {
  /** longest stretch of database work between two turns of the event loop (default 10 ms) */
  sliceMs?: number;
  /** better-sqlite3's compiled module for the rebuild worker (the Electron build) */
  nativeBinding?: string;
}

export class SpaceKeeper {
  private releasing: Promise<void> | null = null;
  private compacting: Promise<{ beforeBytes: number; afterBytes: number }> | null = null;
  private readonly sliceMs: number;

  constructor(private readonly db: Database.Database, private readonly metrics: MetricRepository, private readonly options: SpaceKeeperOptions = {}) {
    this.sliceMs = options.sliceMs ?? 10;
  }

  private logCheckpointer: Worker | null = null;
  private shrinks = 0;

  /**
   * Moves the log's checkpoints off this thread (see LOG_CHECKPOINT_SCRIPT) for as long as
   * the store is open; the app does this, a short CLI run need not. Should the worker fail,
   * main's connection checkpoints by itself again.
   */
  startLogCheckpoints(intervalMs = 1000): void {
    if (this.logCheckpointer) return;
    const worker = this.logWorker(intervalMs);
    worker.unref();
    const fallBack = () => {
      if (this.logCheckpointer !== worker) return;
      this.logCheckpointer = null;
      if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
    };
    worker.on('error', fallBack);
    worker.on('exit', fallBack);
    this.logCheckpointer = worker;
    this.db.pragma('wal_autocheckpoint = 0');
  }

  /** Stops the log checkpoints' worker (before the store closes). */
  async stopLogCheckpoints(): Promise<void> {
    const worker = this.logCheckpointer;
    if (!worker) return;
    this.logCheckpointer = null;
    await stopLogWorker(worker);
  }

  /** A worker running LOG_CHECKPOINT_SCRIPT on this file; `intervalMs` null: it only answers 'shrink'. */
  private logWorker(intervalMs: number | null): Worker {
    return new Worker(LOG_CHECKPOINT_SCRIPT, {
      eval: true,
      workerData: {
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: this.db.name,
        nativeBinding: this.options.nativeBinding ?? null,
        intervalMs,
        // the connection's journal_size_limit (set where the database is opened)
        limitBytes: Math.max(0, this.db.pragma('journal_size_limit', { simple: true }) as number),
      },
    });
  }

  /**
   * Copies the write-ahead log into the file and cuts it to nothing, on a worker thread (the
   * app's log checkpointer, or one started for the job): this is also when the file itself
   * shrinks to what incremental vacuum left of it. Resolves with the log's bytes after: 0
   * unless readers or writers kept it busy for two seconds, or the store closed meanwhile.
   */
  async shrinkLog(): Promise<number> {
    const shared = this.logCheckpointer;
    const worker = shared ?? this.logWorker(null);
    const id = ++this.shrinks;
    // referenced while it works: the caller's await alone does not keep a process running
    worker.ref();
    try {
      return await new Promise<number>((resolve, reject) => {
        const settle = (message: { shrunk?: number; walBytes?: number; error?: string } | null) => {
          if (message && message.shrunk !== id) return;
          worker.off('message', settle);
          worker.off('exit', stopped);
          if (message?.error) reject(new Error(`cannot shrink the log of ${this.db.name}: ${message.error}`));
          else resolve(message?.walBytes ?? fileSize(`${this.db.name}-wal`));
        };
        // the app's worker stops when the store closes: what is left stays for the next time
        const stopped = () => settle(null);
        worker.on('message', settle);
        worker.once('exit', stopped);
        worker.postMessage({ shrink: id });
      });
    } finally {
      if (shared) shared.unref();
      else await stopLogWorker(worker);
    }
  }

  get isCompacting(): boolean {
    return this.compacting !== null;
  }

  figures(): StorageFigures {
    return storageFigures(this.db);
  }

  /**
   * Every run with its size, largest first, in slices. A run's checkpoints are summed from
   * their row headers (a BLOB's length needs no read of its pages; at most a few dozen rows
   * a run), its metric rows taken from the lengths of its series (MetricRepository.names:
   * a few index seeks a series, where counting read every row of every run).
   */
  async runSpaces(): Promise<RunSpace[]> {
    const runs = this.db.prepare('SELECT id, name, status FROM runs ORDER BY id').all() as { id: number; name: string; status: RunStatus }[];
    const checkpoints = this.db.prepare('SELECT COUNT(*) AS n, IFNULL(SUM(length(state) + IFNULL(length(snapshot), 0)), 0) AS bytes FROM checkpoints WHERE run_id = ?');
    const spaces: RunSpace[] = [];
    let next = 0;
    await inSlices(this.sliceMs, () => {
      if (next >= runs.length) return false;
      const run = runs[next++];
      const c = checkpoints.get(run.id) as { n: number; bytes: number };
      const metricRows = this.metrics.names(run.id).reduce((sum, series) => sum + series.count, 0);
      spaces.push({ runId: run.id, name: run.name, status: run.status, checkpoints: c.n, bytes: c.bytes + metricRows * METRIC_ROW_BYTES });
      return true;
    });
    return spaces.sort((a, b) => b.bytes - a.bytes || a.runId - b.runId);
  }

  /**
   * Deletes a run's metrics and checkpoints a slice at a time, then the run itself (its
   * exports go with it). A crash halfway leaves the run with part of its rows; deleting it
   * again finishes the job.
   */
  async deleteRun(runId: number): Promise<boolean> {
    const firstSeries = this.db.prepare(METRIC_CHUNK_SQL.firstSeries);
    const chunkEnd = this.db.prepare(METRIC_CHUNK_SQL.chunkEnd);
    const chunk = this.db.prepare(METRIC_CHUNK_SQL.chunk);
    const rest = this.db.prepare(METRIC_CHUNK_SQL.rest);
    const checkpoint = this.db.prepare('DELETE FROM checkpoints WHERE id = (SELECT id FROM checkpoints WHERE run_id = ? LIMIT 1)');
    await inSlices(this.sliceMs, () => {
      const series = firstSeries.get(runId) as { split: string; name: string } | undefined;
      if (!series) return false;
      const end = chunkEnd.get(runId, series.split, series.name) as { step: number } | undefined;
      withoutForeignKeys(this.db, () => (end ? chunk.run(runId, series.split, series.name, end.step) : rest.run(runId, series.split, series.name)));
      return true;
    });
    await inSlices(this.sliceMs, () => checkpoint.run(runId).changes > 0);
    const deleted = this.db.prepare('DELETE FROM runs WHERE id = ?').run(runId).changes > 0;
    // in the background: the caller has its answer; what is not given back now is at the next delete or Compact
    this.releaseFreePages().catch((error: Error) => console.error(`giving back the space of run ${runId}: ${error.message}`));
    return deleted;
  }

  /**
   * Hands free pages back to the disk in the background (incremental files only), then cuts
   * the write-ahead log back (shrinkLog): the file and its log end as small as the data.
   * Resolves when done; calls while one is under way share it. Stops early, quietly, when
   * the store closes.
   */
  releaseFreePages(onProgress?: (progress: CompactProgress) => void): Promise<void> {
    if (!storageFigures(this.db).incremental) return Promise.resolve();
    if (this.releasing) return this.releasing;
    const total = this.db.pragma('freelist_count', { simple: true }) as number;
    const release = inSlices(this.sliceMs, () => {
      if (!this.db.open) return false;
      const left = this.db.pragma('freelist_count', { simple: true }) as number;
      onProgress?.({ phase: 'freeing', done: Math.max(0, total - left), total });
      if (left === 0) return false;
      this.db.pragma(`incremental_vacuum(${VACUUM_CHUNK_PAGES})`);
      return true;
    }).then(async () => {
      if (this.db.open) await this.shrinkLog();
    });
    this.releasing = release.finally(() => (this.releasing = null));
    return this.releasing;
  }

  /**
   * Makes the file as small as its data: hands every free page back (incremental files), or
   * rebuilds a file from before schema 3 once in a worker thread, which also turns on
   * incremental auto-vacuum for good. The caller keeps training writes away during a
   * rebuild (it holds the write lock for its whole length). Calls while one is under way share it.
   */
  compact(onProgress: (progress: CompactProgress) => void = () => {}): Promise<{ beforeBytes: number; afterBytes: number }> {
    if (this.compacting) return this.compacting;
    const total = () => {
      const figures = storageFigures(this.db);
      return figures.fileBytes + figures.walBytes;
    };
    const beforeBytes = total();
    const work = storageFigures(this.db).incremental ? this.releaseFreePages(onProgress) : this.rebuild(onProgress);
    this.compacting = work.then(() => ({ beforeBytes, afterBytes: total() })).finally(() => (this.compacting = null));
    return this.compacting;
  }

  private rebuild(onProgress: (progress: CompactProgress) => void): Promise<void> {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const used = ((this.db.pragma('page_count', { simple: true }) as number) - (this.db.pragma('freelist_count', { simple: true }) as number)) * pageSize;
    const startWal = fileSize(`${this.db.name}-wal`);
    const worker = new Worker(REBUILD_SCRIPT, {
      eval: true,
      workerData: { module: createRequire(import.meta.url).resolve('better-sqlite3'), file: this.db.name, nativeBinding: this.options.nativeBinding ?? null },
    });
    // A VACUUM in WAL mode writes the new file into the log: its growth is the progress.
    const poll = setInterval(() => onProgress({ phase: 'rebuilding', done: Math.min(used, Math.max(0, fileSize(`${this.db.name}-wal`) - startWal)), total: used }), 250);
    onProgress({ phase: 'rebuilding', done: 0, total: used });
    return new Promise<void>((resolve, reject) => {
      let answered = false;
      worker.on('message', (message: { ok: boolean; error?: string }) => {
        answered = true;
        if (message.ok) resolve();
        else reject(new Error(`cannot compact ${this.db.name}: ${message.error}`));
      });
      worker.on('error', (error) => reject(new Error(`cannot compact ${this.db.name}: ${error.message}`)));
      worker.on('exit', () => {
        if (!answered) reject(new Error(`cannot compact ${this.db.name}: the worker stopped`));
      });
    }).finally(() => {
      clearInterval(poll);
      onProgress({ phase: 'rebuilding', done: used, total: used });
    });
  }
}

/** Asks a log worker to stop and waits (at most 2 s) before ending its thread. */
async function stopLogWorker(worker: Worker): Promise<void> {
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  // referenced while it stops: a process that is closing has nothing else keeping it
  // alive, and would end before the store is closed
  worker.ref();
  worker.postMessage('stop');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(resolve, 2000); })]);
  clearTimeout(timer);
  await worker.terminate();
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
