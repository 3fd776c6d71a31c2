/** Requests the contract tests share: small toy runs that train in well under a second. */

import type { RequestOf } from '../../../src-shared/api/contract';

type TrainConfigRequest = RequestOf<'startRun'>['config'];

export function toyConfig(epochs: number, overrides: Partial<TrainConfigRequest> = {}): TrainConfigRequest {
  return {
    model: { inputSize: 2, numClasses: 3, hidden: [{ units: 8, activation: 'relu' }] },
    loss: 'softmax',
    regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false },
    optimizer: { kind: 'sgd', lr: 0.5 },
    schedule: { kind: 'constant' },
    batchSize: 32,
    epochs,
    seed: 7,
    ...overrides,
  };
}

/** Spiral with 3 arms (the model above: 2 inputs, 3 classes). */
export const toyData = { kind: 'toy', toy: 'spiral', samples: 150, noise: 0.1, seed: 3 } as const;

export function toyRun(epochs: number, name = 'toy run'): RequestOf<'startRun'> {
  return { name, config: toyConfig(epochs), data: toyData };
}

/** A run that trains for minutes unless stopped: epochs of 100 mini-batches, so a pause lands mid-run. */
export function longToyRun(): RequestOf<'startRun'> {
  return {
    name: 'long',
    config: toyConfig(10_000, { model: { inputSize: 2, numClasses: 3, hidden: [{ units: 32, activation: 'relu' }] } }),
    data: { ...toyData, samples: 3600 },
  };
}
