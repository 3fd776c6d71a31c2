import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore, StoreError } from '../../../src-main/store';
import { DatabaseThread, type DatabaseThreadInput } from '../../../src-main/training/database-thread';
import { spawnRunWorker } from '../../../src-main/training/service';
import type { ProgressMessage } from '../../../src-shared/training/messages';
import type { MetricRow } from '../../../src-shared/training/records';
import { smallConfig, tempFolder, toyData, toySplit } from '../store/helpers';

/**
 * The database thread (real worker thread, its own connection to a real SQLite file): every
 * request is answered, in order, with its result or its error as the store words it; main
 * does the work while the thread starts or when it cannot, so nothing waits for it.
 */

const databaseWorker = new URL('../../../src-main/training/database-worker.ts', import.meta.url);

let folder: ReturnType<typeof tempFolder>;
let store: LabStore;
let thread: DatabaseThread | null = null;

beforeEach(() => {
  folder = tempFolder('lab-db-thread-');
  store = new LabStore(folder.file('lab.db'));
});
afterEach(async () => {
  await thread?.close();
  thread = null;
  store.close();
  folder.cleanup();
});

function input(lockPatienceMs = 10_000): DatabaseThreadInput {
  return { role: 'database', file: store.path, nativeBinding: null, lockPatienceMs };
}

/** A thread on the real entry; resolves once it has opened its connection (requests go to it). */
async function readyThread(lockPatienceMs?: number): Promise<{ thread: DatabaseThread; worker: Worker }> {
  let worker: Worker | null = null;
  const started = new DatabaseThread(store, (i) => (worker = spawnRunWorker(databaseWorker, i)), input(lockPatienceMs));
  started.warm();
  await new Promise<void>((resolve) => worker!.on('message', (m) => m === 'ready' && resolve()));
  return { thread: started, worker: worker! };
}

/** A worker's progress message after mini-batch `step` (run id set by the caller). */
function progress(step: number): ProgressMessage {
  return {
    type: 'progress', runId: 0, epoch: 1, epochs: 1, step, stepsPerEpoch: 100, trainSeconds: 0.01, samplesPerSecond: 1000, etaSeconds: null,
    steps: [{ epoch: 1, step, loss: 1 / step, dataLoss: 1 / step, regLoss: 0, accuracy: 0.5 }], epochReports: [],
  };
}

describe('database thread', () => {
  it('records a run on its own connection, in the order sent, and reads its series', async () => {
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    let onThread: Worker;
    ({ thread, worker: onThread } = await readyThread());
    expect(onThread.threadId).toBeGreaterThan(0);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => thread!.request({ kind: 'record', runId: run.id, message: { ...progress(i + 1), runId: run.id } })));
    expect(answers).toEqual(Array(50).fill(null));
    // each message set the run's step counter: the last one sent is the one that stayed
    expect(store.requireRun(run.id).stepsDone).toBe(50);
    const [series] = await thread.request({ kind: 'series', runId: run.id, wanted: [{ split: 'batch', name: 'loss' }, { split: 'batch', name: 'nothing' }], maxPoints: 10 });
    expect(series.total).toBe(50);
    expect(series.points.length).toBeLessThanOrEqual(10);
    expect(series.points[0]).toEqual({ epoch: 1, step: 1, value: 1 });
    expect(series.points.at(-1)!.step).toBe(50);
    await thread.request({ kind: 'finish', runId: run.id, end: { status: 'cancelled', error: null } });
    expect(store.requireRun(run.id).status).toBe('cancelled');
  });

  it('answers a refused write with the store error, and later requests still go through', async () => {
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    ({ thread } = await readyThread());
    await thread.request({ kind: 'finish', runId: run.id, end: { status: 'done', error: null } });
    const refused = thread.request({ kind: 'finish', runId: run.id, end: { status: 'cancelled', error: null } });
    await expect(refused).rejects.toBeInstanceOf(StoreError);
    await expect(refused).rejects.toThrow(`run ${run.id} is done and cannot become cancelled`);
    expect(await thread.request({ kind: 'series', runId: run.id, wanted: null, maxPoints: 2 })).toEqual([]);
  });

  it('waits out another writer holding the lock past busy_timeout, and gives up after its patience with SQLITE_BUSY', async () => {
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    ({ thread } = await readyThread(7_000));
    const other = new Database(store.path);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    const release = setTimeout(() => other.exec('COMMIT'), 6_000); // longer than the thread's busy_timeout (5 s)
    const started = performance.now();
    await thread.request({ kind: 'record', runId: run.id, message: { ...progress(7), runId: run.id } });
    expect(performance.now() - started).toBeGreaterThan(5_000);
    expect(store.requireRun(run.id).stepsDone).toBe(7);

    other.exec('BEGIN IMMEDIATE');
    const failing = thread.request({ kind: 'record', runId: run.id, message: { ...progress(8), runId: run.id } });
    await expect(failing).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    other.exec('ROLLBACK');
    clearTimeout(release);
    other.close();
    expect(store.requireRun(run.id).stepsDone).toBe(7);
  }, 30_000);

  it('does the work on main while the thread starts, and for good when it cannot start', async () => {
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    const metrics: MetricRow[] = [{ split: 'val', name: 'loss', epoch: 1, step: 3, value: 0.5 }];
    store.appendMetrics(run.id, metrics);
    let starts = 0;
    thread = new DatabaseThread(store, () => {
      starts++;
      return new Worker('throw new Error("no database here")', { eval: true });
    }, input());
    // answered at once, before the thread could have started
    const [series] = await thread.request({ kind: 'series', runId: run.id, wanted: null, maxPoints: 5 });
    expect(series.points).toEqual([{ epoch: 1, step: 3, value: 0.5 }]);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the thread fails
    await thread.request({ kind: 'record', runId: run.id, message: { ...progress(4), runId: run.id } });
    expect(store.requireRun(run.id).stepsDone).toBe(4);
    expect(starts).toBe(1); // not started again for every request
  });

  it('starts a new thread after one has gone', async () => {
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    let worker: Worker;
    ({ thread, worker } = await readyThread());
    // Ended while idle: terminating one inside a statement takes the process with it (better-sqlite3), which close() never does.
    await worker.terminate();
    await thread.request({ kind: 'record', runId: run.id, message: { ...progress(2), runId: run.id } });
    expect(store.requireRun(run.id).stepsDone).toBe(2);
    expect(await thread.request({ kind: 'series', runId: run.id, wanted: [{ split: 'batch', name: 'loss' }], maxPoints: 5 })).toHaveLength(1);
  });
});
