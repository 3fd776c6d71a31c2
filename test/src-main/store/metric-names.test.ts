import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricRow, MetricSplit } from '../../../src-shared/training/records';
import { LabStore } from '../../../src-main/store';
import { METRIC_CHUNK_SQL, withoutForeignKeys } from '../../../src-main/store/space';
import { smallConfig, tempFolder, toyData, toySplit } from './helpers';

/**
 * A run's series and their lengths (MetricRepository.names) and the Storage panel's sizes
 * (SpaceKeeper.runSpaces) without reading the run's metric rows (issue 13: counting them
 * read every row of every run, 3.7 s for the panel on 50 long runs). The bound is on bytes
 * read from the database, not on time: SQLite reads its file with pread on the calling
 * thread, which Linux counts in /proc/thread-self/io (rchar).
 */

/** Bytes this thread has read through read()/pread() so far. */
function bytesRead(): number {
  const io = readFileSync('/proc/thread-self/io', 'utf8');
  const rchar = /^rchar: (\d+)$/m.exec(io);
  if (!rchar) throw new Error(`no rchar in /proc/thread-self/io:\n${io}`);
  return Number(rchar[1]);
}

/** Bytes read while `fn` runs (reading the counter adds a few hundred), and its result. */
function reading<T>(fn: () => T): { bytes: number; result: T } {
  const before = bytesRead();
  const result = fn();
  return { bytes: bytesRead() - before, result };
}

let folder: ReturnType<typeof tempFolder>;
let store: LabStore;

beforeEach(() => {
  folder = tempFolder('lab-names-');
  store = new LabStore(folder.file('lab.db'));
});
afterEach(() => {
  store.close();
  folder.cleanup();
});

const rows = (split: MetricSplit, name: string, steps: number[]): MetricRow[] => steps.map((step, i) => ({ split, name, epoch: i + 1, step, value: Math.sin(step) }));
const range = (from: number, to: number, by = 1) => Array.from({ length: Math.floor((to - from) / by) + 1 }, (_, i) => from + i * by);

/** The exact lengths, by counting every row. */
function counted(runId: number) {
  const db = new Database(store.path, { readonly: true });
  try {
    return db.prepare('SELECT split, name, COUNT(*) AS count FROM metrics WHERE run_id = ? GROUP BY split, name ORDER BY split, name').all(runId);
  } finally {
    db.close();
  }
}

/** A run as the recorder writes 5,000 epochs of 10 mini-batches: 230,000 metric rows. */
function longRun() {
  const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit });
  const epochs = 5_000;
  const stepsPerEpoch = 10;
  const steps = range(1, epochs * stepsPerEpoch);
  const epochSteps = range(stepsPerEpoch, epochs * stepsPerEpoch, stepsPerEpoch);
  for (const name of ['loss', 'dataLoss', 'regLoss', 'accuracy']) store.appendMetrics(run.id, rows('batch', name, steps));
  for (const name of ['loss', 'accuracy', 'zeroFraction', 'nearZeroFraction']) store.appendMetrics(run.id, rows('train', name, epochSteps));
  for (const name of ['loss', 'accuracy']) store.appendMetrics(run.id, rows('val', name, epochSteps));
  const metricRows = 4 * steps.length + 6 * epochSteps.length;
  expect(metricRows).toBe(230_000);
  return { run, metricRows };
}

/** The store on a fresh connection, its page cache empty, every row in the file (not the log); returns the path. */
function reopened(): string {
  const path = store.path;
  store.close();
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  store = new LabStore(path);
  return path;
}

describe('the series of a run and their lengths', () => {
  it('match a count of the rows for series evenly and unevenly spaced, one row long, and of neighboring runs', () => {
    const before = store.createRun({ config: smallConfig(), data: toyData, split: toySplit });
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit });
    const after = store.createRun({ config: smallConfig(), data: toyData, split: toySplit });
    store.appendMetrics(before.id, rows('batch', 'loss', range(1, 50)));
    store.appendMetrics(after.id, rows('val', 'zz', range(0, 10)));
    store.appendMetrics(run.id, [
      ...rows('batch', 'loss', range(1, 3000)), // every step
      ...rows('batch', 'accuracy', range(7, 7)), // one row
      ...rows('train', 'loss', range(10, 3000, 10)), // every epoch's last step
      ...rows('train', 'health.L1.ratio', range(30, 3000, 30)), // every third epoch
      ...rows('train', 'a', [1, 2, 5, 11, 12, 13]), // uneven: first spacing 1, last 1, ends off the grid
      ...rows('train', 'b', [0, 10, 15, 20, 30, 40]), // uneven, but its ends and spacing fit a grid of 10: the middle step tells
      ...rows('val', 'loss', [4, 8]),
      ...rows('test', 'accuracy', [3000]),
    ]);
    for (const id of [before.id, run.id, after.id]) expect(store.metricNames(id)).toEqual(counted(id));
    expect(store.metricNames(store.createRun({ config: smallConfig(), data: toyData, split: toySplit }).id)).toEqual([]);
  });

  it('read a few pages of a run with 230,000 metric rows, where counting them reads them all; the Storage panel likewise', async () => {
    const { run, metricRows } = longRun();
    const path = reopened();

    const names = reading(() => store.metricNames(run.id));
    const spaces = await store.space.runSpaces(); // (in slices: measured below on its own)
    const exact = reading(() => counted(run.id));
    expect(names.result).toEqual(exact.result);
    console.log(`series of a run with ${metricRows.toLocaleString('en-US')} metric rows: ${(names.bytes / 1024).toFixed(0)} KiB read, where counting read ${(exact.bytes / 1024).toFixed(0)} KiB`);
    // the count reads every leaf page of the run's rows (≥ 25 bytes a row): the measure sees reads
    expect(exact.bytes).toBeGreaterThan(metricRows * 25);
    // ten series: a few seeks each through a b-tree three or four pages deep
    expect(names.bytes).toBeLessThan(256 * 1024);

    store.close();
    store = new LabStore(path);
    const panelBytes = bytesRead();
    const panel = await store.space.runSpaces();
    const panelRead = bytesRead() - panelBytes;
    expect(panel).toEqual(spaces);
    // no checkpoints: all of it is metric rows at 40 bytes each
    expect(panel).toEqual([{ runId: run.id, name: '', status: 'queued', checkpoints: 0, bytes: metricRows * 40 }]);
    expect(panelRead).toBeLessThan(256 * 1024);
  }, 60_000);
});

describe('deleting a long run', () => {
  it('reads its rows about once (each chunk a range of one series), keeps its neighbors\' and puts foreign keys back on', async () => {
    const before = store.createRun({ config: smallConfig(), data: toyData, split: toySplit });
    const { run, metricRows } = longRun();
    const after = store.createRun({ config: smallConfig(), data: toyData, split: toySplit });
    for (const neighbor of [before, after]) store.appendMetrics(neighbor.id, [...rows('batch', 'loss', range(1, 2000)), ...rows('train', 'loss', range(10, 2000, 10))]);
    reopened();

    const start = bytesRead();
    expect(await store.space.deleteRun(run.id)).toBe(true);
    const read = bytesRead() - start;
    console.log(`deleting a run of ${metricRows.toLocaleString('en-US')} metric rows (~${((metricRows * 40) / 2 ** 20).toFixed(1)} MiB of pages) read ${(read / 2 ** 20).toFixed(1)} MiB`);
    // each page of the run's rows read about once (a chunk that went back to the start of the run would read it all again each time)
    expect(read).toBeLessThan(3 * metricRows * 40);
    // the space it gives back in the background, on a thread of its own that opens the file: done before the folder goes
    await store.space.releaseFreePages();

    expect(store.getRun(run.id)).toBeNull();
    expect(counted(run.id)).toEqual([]);
    for (const neighbor of [before, after]) expect(counted(neighbor.id)).toEqual([{ split: 'batch', name: 'loss', count: 2000 }, { split: 'train', name: 'loss', count: 200 }]);
    // the references are checked again: a metric row of a run that does not exist is refused
    expect(() => store.appendMetrics(run.id, rows('batch', 'loss', [1]))).toThrow(/FOREIGN KEY/);
  }, 60_000);
});

describe('the statements deleting metric rows', () => {
  it('seek by the series\' full key (no scan of the run or the table) and, with foreign keys off, delete as they go', () => {
    const db = new Database(store.path);
    try {
      const params = (sql: string) => Array.from(sql.matchAll(/\?/g), () => 1);
      const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params(sql)) as { detail: string }[]).map((row) => row.detail);
      expect(plan(METRIC_CHUNK_SQL.firstSeries)).toEqual(['SEARCH metrics USING PRIMARY KEY (run_id=?)']);
      expect(plan(METRIC_CHUNK_SQL.chunkEnd)).toEqual(['SEARCH metrics USING PRIMARY KEY (run_id=? AND split=? AND name=?)']);
      expect(plan(METRIC_CHUNK_SQL.chunk)).toEqual(['SEARCH metrics USING PRIMARY KEY (run_id=? AND split=? AND name=? AND step<?)']);
      expect(plan(METRIC_CHUNK_SQL.rest)).toEqual(['SEARCH metrics USING PRIMARY KEY (run_id=? AND split=? AND name=?)']);
      // With foreign keys on, SQLite gathers the keys in an ephemeral table first, then seeks each again (twice the work)
      const opcodes = () => (db.prepare(`EXPLAIN ${METRIC_CHUNK_SQL.chunk}`).all(...params(METRIC_CHUNK_SQL.chunk)) as { opcode: string }[]).map((row) => row.opcode);
      db.pragma('foreign_keys = ON');
      expect(opcodes()).toContain('OpenEphemeral');
      expect(withoutForeignKeys(db, opcodes)).not.toContain('OpenEphemeral');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });
});
