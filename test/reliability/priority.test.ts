/**
 * Training threads run below the app's priority (nice 10 on Linux, per thread), so the UI
 * and main stay responsive however many runs share the cores; main itself stays at 0.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { inProcessClient } from '../../src-main/api';
import { startTestLab, tempFolder } from './helpers';

/** nice value of each thread of this process, by thread id (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNices(): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      nices.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return nices;
}

it.skipIf(process.platform !== 'linux')('a training run\'s worker thread runs at nice 10, main at its own priority', async () => {
  const folder = tempFolder('nl-priority-');
  const lab = await startTestLab(folder.file('lab.db'));
  try {
    const started = await inProcessClient(lab.router).startRun({
      name: 'background',
      config: {
        model: { inputSize: 2, numClasses: 3, hidden: [{ units: 64, activation: 'relu' }] },
        loss: 'softmax', regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false }, optimizer: { kind: 'sgd', lr: 0.05 },
        schedule: { kind: 'constant' }, batchSize: 10, epochs: 10_000, seed: 1,
      },
      data: { kind: 'toy', toy: 'spiral', samples: 600, noise: 0.1, seed: 1 },
    });
    if (!started.ok) throw new Error(started.error.message);
    const runId = started.value.id;
    await new Promise<void>((resolve) => {
      const off = lab.training.on('progress', (e) => {
        if (e.runId === runId) {
          off();
          resolve();
        }
      });
    });
    const nices = threadNices();
    expect(nices.get(process.pid)).toBe(0);
    // the worker, and any thread it starts (OpenBLAS' helper of the native kernels), at nice 10;
    // every other thread of the process (main, libuv's pool) at main's own priority
    const niced = [...nices.values()].filter((n) => n === 10).length;
    expect(niced).toBeGreaterThanOrEqual(1);
    expect(niced + [...nices.values()].filter((n) => n === 0).length).toBe(nices.size);
    lab.training.cancel(runId);
    await lab.training.waitFor(runId);
  } finally {
    await lab.close();
    folder.cleanup();
  }
});
