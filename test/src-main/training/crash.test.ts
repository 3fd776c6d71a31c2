import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { LabStore } from '../../../src-main/store';
import { TrainingService } from '../../../src-main/training';
import { tempFolder } from '../store/helpers';
import { BIG_STEPS_PER_EPOCH, bigSpiral, finalWeights, spiralConfig, uninterruptedWeights } from './helpers';

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder('lab-crash-');
});
afterEach(() => folder.cleanup());

it('survives SIGKILL mid-epoch: the database is intact, the run interrupted, and resuming it gives the uninterrupted weights', async () => {
  const dbPath = folder.file('lab.db');
  // enough epochs that a busy machine still shows progress past epoch 2 before the run could end
  const epochs = 20;
  const hidden = 16;
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./fixtures/crash-child.ts', import.meta.url).pathname, dbPath, String(epochs), String(hidden)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let runId = 0;
  let killedAt = { epoch: 0, step: 0 };
  for await (const line of createInterface({ input: child.stdout! })) {
    const [word, a, b] = line.split(' ');
    if (word === 'run') runId = Number(a);
    // Past a few checkpoints, and in the middle of an epoch.
    if (word === 'progress' && Number(a) >= 2 && Number(b) % BIG_STEPS_PER_EPOCH !== 0) {
      killedAt = { epoch: Number(a), step: Number(b) };
      child.kill('SIGKILL');
      break;
    }
  }
  expect(await exited).toBe('SIGKILL');
  expect(runId).toBeGreaterThan(0);
  expect(killedAt.epoch).toBeLessThan(epochs);

  const db = new Database(dbPath);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  db.close();

  const store = new LabStore(dbPath);
  expect(store.getRun(runId)!.status).toBe('running'); // as the crash left it
  const service = new TrainingService(store, { maxConcurrent: 1, maxStepRowsPerSecond: Infinity });
  expect(service.recover()).toEqual({ interrupted: [runId], queued: [] });
  const interrupted = store.getRun(runId)!;
  expect(interrupted.status).toBe('interrupted');
  const lastCheckpoint = store.listCheckpoints(runId).at(-1)!;
  expect(lastCheckpoint.epoch).toBeGreaterThanOrEqual(2);
  expect(lastCheckpoint.step % BIG_STEPS_PER_EPOCH).toBe(0);

  service.resume(runId);
  expect((await service.waitFor(runId)).status).toBe('done');
  await service.whenIdle();
  expect(store.getRun(runId)).toMatchObject({ status: 'done', epochsDone: epochs, stepsDone: epochs * BIG_STEPS_PER_EPOCH });
  // every step recorded exactly once despite the steps trained twice
  expect(store.metricNames(runId).find((m) => m.split === 'batch' && m.name === 'loss')!.count).toBe(epochs * BIG_STEPS_PER_EPOCH);
  expect(finalWeights(store, runId)).toEqual(await uninterruptedWeights(spiralConfig(epochs, {}, hidden), bigSpiral));
  store.close();
});
