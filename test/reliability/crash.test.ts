/**
 * SIGKILL of a child process running the lab's real services, during training (twice on
 * the same database, the second time while it recovers and goes on), during an import and
 * during exports. After each: the database passes integrity_check and foreign_key_check,
 * the next start does not take it for a damaged one, and every run is finished,
 * interrupted with a reason and resumable, or failed with a reason; import caches hold no
 * half entries; export files are old-and-whole or new-and-whole. Kill points are seeded.
 * (The exact resumed weights after a crash: test/src-main/training/crash.test.ts.)
 * Longer: `npm run soak:crash -- --rounds 50`.
 */

import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rng } from '../../src-shared/random';
import { cacheProblems, exportProblems, inspectAfterCrash, killDuringExport, killDuringImport, killDuringTraining, writeImageFolder } from './crash-rounds';
import { inProcessClient } from '../../src-main/api';
import { startTestLab, tempFolder, type TempFolder } from './helpers';

let folder: TempFolder;
beforeEach(() => {
  folder = tempFolder('nl-crash-');
});
afterEach(() => folder.cleanup());

describe('SIGKILL', () => {
  it('during training, twice: intact database, every run finished, or interrupted/failed with a reason and resumable', async () => {
    const rng = new Rng(20261128);
    const dbPath = folder.file('lab.db');
    for (let round = 1; round <= 2; round++) {
      const { signal, killedAfter } = await killDuringTraining(dbPath, rng);
      expect(signal).toBe('SIGKILL');
      const after = await inspectAfterCrash(dbPath, { resume: round === 2 });
      console.log(`crash test: training round ${round}: killed after ${killedAfter} progress events; runs ${after.runs.map((r) => `${r.id}:${r.status}`).join(' ')}`);
      expect(after.integrity).toBe('ok');
      expect(after.brokenReferences).toBe(0);
      expect(after.notices).toEqual([]);
      expect(after.unsettled).toEqual([]);
      expect(after.runs.length).toBe(5 * round);
      expect(after.runs.some((r) => r.status === 'interrupted')).toBe(true);
    }
    // after resuming: still intact, each resumed run went on (inspectAfterCrash waited for it) and was paused by the clean close
    const final = await inspectAfterCrash(dbPath);
    expect(final.integrity).toBe('ok');
    expect(final.unsettled).toEqual([]);
    expect(final.runs.filter((r) => r.status === 'interrupted')).toEqual([]);
  });

  it('during an import: intact database, no half cache entries, and the folder imports again to the same data', async () => {
    const rng = new Rng(7);
    const images = folder.file('images');
    const total = 3 * 80;
    await writeImageFolder(images, 3, 80);
    const dbPath = folder.file('lab.db');
    const cache = folder.file('cache');
    for (let round = 1; round <= 2; round++) {
      const { signal, killedAt } = await killDuringImport(dbPath, images, cache, rng, total);
      expect(signal).toBe('SIGKILL');
      const cached = cacheProblems(cache, 16 * 16 * 3);
      console.log(`crash test: import round ${round}: killed at ${killedAt}/${total} decoded; cache ${cached.entries} entries, ${cached.temporaries} temporaries left`);
      expect(cached.problems).toEqual([]);
      const after = await inspectAfterCrash(dbPath);
      expect(after.integrity).toBe('ok');
      expect(after.notices).toEqual([]);
    }
    // the interrupted imports recorded nothing; a full import through the half-filled cache equals one without a cache
    const lab = await startTestLab(dbPath, { cacheDir: cache });
    try {
      expect(lab.store.listDatasets()).toEqual([]);
      const cachedImport = await inProcessClient(lab.router).importFolder({ jobId: 'again', path: images, options: { width: 16, height: 16 } });
      if (!cachedImport.ok) throw new Error(cachedImport.error.message);
      const withCache = cachedImport.value.report;
      const fresh = await startTestLab(folder.file('fresh.db'), { cacheDir: null });
      try {
        const uncached = await inProcessClient(fresh.router).importFolder({ jobId: 'fresh', path: images, options: { width: 16, height: 16 } });
        if (!uncached.ok) throw new Error(uncached.error.message);
        expect(withCache.contentHash).toBe(uncached.value.report.contentHash);
      } finally {
        await fresh.close();
      }
    } finally {
      await lab.close();
    }
  });

  it('during exports: intact database, and every model file on disk reads back whole', async () => {
    const rng = new Rng(99);
    const dbPath = folder.file('lab.db');
    const out = folder.file('exports');
    mkdirSync(out);
    // a finished run with a model big enough (~270k weights) that a kill can land inside a write
    const lab = await startTestLab(dbPath);
    let runId: number;
    try {
      const started = await inProcessClient(lab.router).startRun({
        name: 'wide',
        config: {
          model: { inputSize: 2, numClasses: 3, hidden: [{ units: 512, activation: 'relu' }, { units: 512, activation: 'relu' }] },
          loss: 'softmax', regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false }, optimizer: { kind: 'sgd', lr: 0.01 },
          schedule: { kind: 'constant' }, batchSize: 50, epochs: 1, seed: 5,
        },
        data: { kind: 'toy', toy: 'spiral', samples: 150, noise: 0.1, seed: 1 },
      });
      if (!started.ok) throw new Error(started.error.message);
      runId = started.value.id;
      expect((await lab.training.waitFor(runId)).status).toBe('done');
    } finally {
      await lab.close();
    }
    for (let round = 1; round <= 3; round++) {
      const { signal, killedAfter } = await killDuringExport(dbPath, runId, out, rng);
      expect(signal).toBe('SIGKILL');
      const files = await exportProblems(out);
      console.log(`crash test: export round ${round}: killed after ${killedAfter} exports; ${files.files} files whole, ${files.temporaries} temporaries left`);
      expect(files.problems).toEqual([]);
      expect(files.files).toBeGreaterThanOrEqual(1);
      const after = await inspectAfterCrash(dbPath);
      expect(after.integrity).toBe('ok');
      expect(after.unsettled).toEqual([]);
      expect(after.runs.map((r) => r.status)).toEqual(['done']);
    }
  });
});
