import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainConfig } from '../../../src-shared/engine/types';
import type { RunDataSpec, RunSplitSpec } from '../../../src-shared/training/records';

/** A fresh folder for one test's database files; `cleanup` removes it. */
export function tempFolder(prefix = 'lab-store-'): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function smallConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return {
    model: { inputSize: 2, numClasses: 3, hidden: [{ units: 8, activation: 'relu' }] },
    loss: 'softmax',
    regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false },
    optimizer: { kind: 'sgd', lr: 0.1 },
    schedule: { kind: 'constant' },
    batchSize: 16,
    epochs: 3,
    seed: 7,
    ...overrides,
  };
}

export const toyData: RunDataSpec = { kind: 'toy', toy: 'spiral', samples: 120, noise: 0.1, seed: 1 };
export const toySplit: RunSplitSpec = { val: 0.2, test: 0, seed: 3 };
