/**
 * Disk full during training (the database cannot take the next checkpoint or metrics) and
 * during an export: the action ends with a message saying what and where and what to do,
 * the earlier data stays whole (checkpoints decode, an older export file is untouched), and
 * once there is room again the run resumes from its last checkpoint and finishes.
 * A tiny tmpfs where mounting works (root, as in CI); a file size limit otherwise.
 */

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDatabaseFile, repoRoot, startTestLab, tempFolder, type TempFolder } from './helpers';
import { tinyDisk, type TinyDisk } from './disk';

const diskChild = join(repoRoot, 'test', 'reliability', 'fixtures', 'disk-child.ts');

let folder: TempFolder;
let disk: TinyDisk | null = null;
beforeEach(() => {
  folder = tempFolder('nl-disk-');
});
afterEach(() => {
  disk?.release();
  disk = null;
  folder.cleanup();
});

describe('a full disk', () => {
  it('stops a training run with a clear message; its checkpoints stay whole and it resumes once there is room', async (context) => {
    const limited = tinyDisk(folder.file('disk'), 5 * 1024);
    if ('unavailable' in limited) return context.skip(limited.unavailable);
    disk = limited;
    const dbPath = join(disk.dir, 'lab.db');
    const result = JSON.parse(await disk.run(diskChild, ['train', dbPath])) as {
      runId: number; finished: { status: string; error: string };
    };
    console.log(`disk full (${disk.mode}): ${result.finished.error}`);
    expect(result.finished.status).toBe('failed');
    const message = disk.mode === 'tmpfs'
      ? new RegExp(`^not enough disk space to record run ${result.runId} in ${dbPath}, so it stopped; free some space, then resume the run: it continues from its last saved checkpoint$`)
      : new RegExp(`^cannot write run ${result.runId} to ${dbPath} \\(.+: the disk is full, over a file size limit or failing\\), so it stopped; make room, then resume`);
    expect(result.finished.error).toMatch(message);

    disk.grow();
    expect(checkDatabaseFile(dbPath).integrity).toBe('ok');
    const lab = await startTestLab(dbPath);
    try {
      const run = lab.store.requireRun(result.runId);
      // failed with the reason, or (if not even that could be written) interrupted by the next start's recovery
      expect(['failed', 'interrupted']).toContain(run.status);
      expect(run.error).toBeTruthy();
      const checkpoints = lab.store.listCheckpoints(run.id);
      expect(checkpoints.length).toBeGreaterThanOrEqual(1);
      for (const c of checkpoints) expect(lab.store.checkpointWeights(c.id)).toHaveLength(3);
      const resumed = await lab.router.invoke('resumeRun', { id: run.id }, { transport: 'web' });
      expect(resumed.ok).toBe(true);
      const cancelled = new Promise<string>((resolve) => {
        const off = lab.training.on('progress', (event) => {
          if (event.runId !== run.id || event.step <= checkpoints.at(-1)!.step) return;
          off();
          resolve(lab.training.cancel(run.id).status);
        });
      });
      await cancelled;
      expect((await lab.training.waitFor(run.id)).status).toBe('cancelled');
    } finally {
      await lab.close();
    }
    expect(checkDatabaseFile(dbPath).integrity).toBe('ok');
  });

  it('ends an export with a clear message and leaves the previous file as it was, with no temporaries', async (context) => {
    // a finished run (≈68k weights: a ~360 kB JSON export), recorded outside the tiny disk
    const dbPath = folder.file('lab.db');
    const lab = await startTestLab(dbPath);
    let runId: number;
    try {
      const started = await lab.router.invoke('startRun', {
        name: 'export me',
        config: {
          model: { inputSize: 2, numClasses: 3, hidden: [{ units: 256, activation: 'relu' }, { units: 256, activation: 'relu' }] },
          loss: 'softmax', regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false }, optimizer: { kind: 'sgd', lr: 0.01 },
          schedule: { kind: 'constant' }, batchSize: 50, epochs: 1, seed: 5,
        },
        data: { kind: 'toy', toy: 'spiral', samples: 150, noise: 0.1, seed: 1 },
      }, { transport: 'web' });
      if (!started.ok) throw new Error(started.error.message);
      runId = (started.value as { id: number }).id;
      expect((await lab.training.waitFor(runId)).status).toBe('done');
    } finally {
      await lab.close();
    }

    const limited = tinyDisk(folder.file('disk'), 256);
    if ('unavailable' in limited) return context.skip(limited.unavailable);
    disk = limited;
    const target = join(disk.dir, 'model.json');
    writeFileSync(target, 'previous export');
    if (disk.mode === 'tmpfs') writeFileSync(join(disk.dir, 'ballast'), Buffer.alloc(150 * 1024));
    const result = JSON.parse(await disk.run(diskChild, ['export', dbPath, String(runId), target])) as { exportError?: { name: string; message: string } };
    console.log(`export on a full disk (${disk.mode}): ${result.exportError?.message}`);
    expect(result.exportError?.name).toBe('ExportError');
    expect(result.exportError?.message).toMatch(disk.mode === 'tmpfs'
      ? /^not enough disk space to write .*model\.json; free some space or choose another drive \(nothing was written\)$/
      : /^cannot write .*model\.json: the file would be larger than this drive or account allows \(nothing was written\)$/);
    expect(readFileSync(target, 'utf8')).toBe('previous export');
    expect(readdirSync(disk.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // and the run's record has no export of a file that does not exist
    const after = await startTestLab(dbPath);
    try {
      expect(after.store.listExports(runId)).toEqual([]);
    } finally {
      await after.close();
    }
  });
});
