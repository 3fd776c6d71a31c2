import { float32BitsToHalf, halfToFloat32Bits } from '../../../src-shared/training/history';
import { Trainer } from '../../../src-shared/engine/trainer';
import type { Kernels } from '../../../src-shared/engine/kernels';
import { createNodeKernels } from '../../../src-main/kernels/node-kernels';
import type { LayerWeights, TrainConfig } from '../../../src-shared/engine/types';
import type { TrainingEvents } from '../../../src-shared/training/messages';
import type { RunDataSpec, RunSplitSpec } from '../../../src-shared/training/records';
import { runSources } from '../../../src-shared/training/run-data';
import type { LabStore } from '../../../src-main/store';
import type { TrainingService } from '../../../src-main/training';

export const spiral: Extract<RunDataSpec, { kind: 'toy' }> = { kind: 'toy', toy: 'spiral', samples: 150, noise: 0.1, seed: 1 };
export const split: RunSplitSpec = { val: 0.2, test: 0, seed: 2 };
/** 2,400 training samples: 240 mini-batches of 10 an epoch, for runs long enough to pause, cancel or kill midway. */
export const bigSpiral: Extract<RunDataSpec, { kind: 'toy' }> = { ...spiral, samples: 3000 };
export const BIG_STEPS_PER_EPOCH = 240;

/** A small MLP on the spiral: 12 mini-batches an epoch; `hidden` sets how slow a step is. */
export function spiralConfig(epochs: number, overrides: Partial<TrainConfig> = {}, hidden = 16): TrainConfig {
  return {
    model: { inputSize: 2, numClasses: 3, hidden: [{ units: hidden, activation: 'relu' }] },
    loss: 'softmax',
    regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false },
    optimizer: { kind: 'momentum', lr: 0.05 },
    schedule: { kind: 'constant' },
    batchSize: 10,
    epochs,
    seed: 11,
    ...overrides,
  };
}

/** The kernels run workers train with (WebAssembly SIMD, one thread). */
export function workerKernels(): Promise<Kernels> {
  return createNodeKernels({ threads: 1 });
}

/**
 * The weights the same run ends with when trained in this thread, start to finish, without
 * stopping; after `epochs` epochs when given (0: the initial weights).
 */
export async function uninterruptedWeights(config: TrainConfig, data = spiral, runSplit = split, epochs = config.epochs): Promise<LayerWeights[]> {
  const { train, val } = runSources({ kind: 'toy', spec: data, split: runSplit });
  const trainer = new Trainer(config, train, val, { kernels: await workerKernels() });
  while (!trainer.finished && trainer.epoch < epochs) trainer.runEpoch();
  return trainer.layerWeights();
}

/** `layers` as a history checkpoint keeps them: every weight rounded to float16 (src-shared/training/history.ts). */
export function asHistorySnapshot(layers: LayerWeights[]): LayerWeights[] {
  const round = (values: Float32Array) => {
    const bits = new Uint32Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
    for (let i = 0; i < bits.length; i++) bits[i] = halfToFloat32Bits(float32BitsToHalf(bits[i]));
    return new Float32Array(bits.buffer);
  };
  return layers.map((layer) => ({ ...layer, w: round(layer.w), b: round(layer.b) }));
}

/** The weights of a run's last checkpoint. */
export function finalWeights(store: LabStore, runId: number): LayerWeights[] {
  const last = store.listCheckpoints(runId).at(-1);
  if (!last) throw new Error(`run ${runId} has no checkpoint`);
  return store.checkpointWeights(last.id);
}

export interface Recorded {
  /** every event, in the order the service emitted it */
  all: { name: keyof TrainingEvents; event: TrainingEvents[keyof TrainingEvents] & { runId: number } }[];
  of(runId: number): Recorded['all'];
  stop(): void;
}

export function recordEvents(service: TrainingService): Recorded {
  const all: Recorded['all'] = [];
  const offs = (['progress', 'status', 'finished'] as const).map((name) => service.on(name, (event) => all.push({ name, event })));
  return { all, of: (runId) => all.filter((e) => e.event.runId === runId), stop: () => offs.forEach((off) => off()) };
}

/** Resolves at the first event matching `test`. */
export function nextEvent<K extends keyof TrainingEvents>(service: TrainingService, name: K, test: (e: TrainingEvents[K]) => boolean): Promise<TrainingEvents[K]> {
  return new Promise((resolve) => {
    const off = service.on(name, (event) => {
      if (!test(event)) return;
      off();
      resolve(event);
    });
  });
}
