/**
 * `lab bench`: training samples per second on the standard workloads (docs/cli.md), through
 * the real engine (Trainer, Network) with the fast kernels, on random data. All float32,
 * softmax cross-entropy, L2 1e-4, plain SGD; forward + backward + update, data loading
 * excluded (the Trainer's own throughput counter).
 */
import { choice, flag, formatHelp, number, parseArgs, text, UsageError } from '../args';
import type { Kernels } from '../../../src-shared/engine/kernels';
import { arraySource } from '../../../src-shared/engine/source';
import { Trainer, type EpochTimes } from '../../../src-shared/engine/trainer';
import type { TrainConfig } from '../../../src-shared/engine/types';
import { Rng } from '../../../src-shared/random';
import { LIMITS } from '../../../src-shared/limits';
import { createNodeKernels, defaultKernelThreads, NATIVE_ENV } from '../../kernels';

export const summary = 'measure training speed (samples/s) on the standard workloads W1–W4';

export interface Workload {
  name: 'W1' | 'W2' | 'W3' | 'W4';
  description: string;
  inputs: number;
  hidden: number[];
  classes: number;
  batch: number;
}

export const WORKLOADS: readonly Workload[] = [
  { name: 'W1', description: 'MLP 784-100-10, ReLU, batch 64', inputs: 784, hidden: [100], classes: 10, batch: 64 },
  { name: 'W2', description: 'MLP 3072-100-10, ReLU, batch 128', inputs: 3072, hidden: [100], classes: 10, batch: 128 },
  { name: 'W3', description: 'MLP 3072-512-256-10, ReLU, batch 256', inputs: 3072, hidden: [512, 256], classes: 10, batch: 256 },
  { name: 'W4', description: 'linear 3072-10, batch 256', inputs: 3072, hidden: [], classes: 10, batch: 256 },
];

/** The training configuration of a workload (softmax, L2 1e-4, plain SGD). */
export function workloadConfig(w: Workload, seed = 1): TrainConfig {
  return {
    model: { inputSize: w.inputs, numClasses: w.classes, hidden: w.hidden.map((units) => ({ units, activation: 'relu' })) },
    loss: 'softmax',
    regularizer: { kind: 'l2', l1: 0, l2: 1e-4, proximal: false },
    optimizer: { kind: 'sgd', lr: 0.01 },
    schedule: { kind: 'constant' },
    batchSize: w.batch,
    // the most the limits allow: the bench stops by time, never by running out of epochs
    epochs: LIMITS.epochs,
    seed,
  };
}

/** Random inputs in [0, 1) and random labels: `batches` batches' worth, reshuffled every epoch. */
export function randomData(w: Workload, seed = 2, batches = 8) {
  const rng = new Rng(seed);
  const n = w.batch * batches;
  const x = new Float32Array(n * w.inputs);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform();
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = rng.int(w.classes);
  return arraySource(x, labels, w.inputs);
}

/**
 * Trains workload `w` with `kernels` for about `seconds` (after a short warm-up) and
 * returns training samples per second: the best of several equal windows, because other
 * processes on the machine only ever slow a window down.
 */
export function measureWorkload(w: Workload, kernels: Kernels, seconds: number, windows = 5): number {
  const trainer = new Trainer(workloadConfig(w), randomData(w), undefined, { kernels });
  const warmUp = performance.now();
  do trainer.trainStep(); while (performance.now() - warmUp < Math.min(300, seconds * 250));
  let best = 0;
  for (let window = 0; window < windows; window++) {
    const before = trainer.throughput;
    const start = performance.now();
    do trainer.trainStep(); while (performance.now() - start < (seconds * 1000) / windows);
    const after = trainer.throughput;
    best = Math.max(best, (after.samples - before.samples) / (after.seconds - before.seconds));
  }
  return best;
}

/**
 * One epoch of workload `w` over `samples` random samples, then its evaluation: the
 * wall-clock breakdown a training run's epoch has (recording aside, which bench skips).
 */
export function measureEpoch(w: Workload, kernels: Kernels, samples = 8 * w.batch): EpochTimes {
  const batches = Math.ceil(samples / w.batch);
  const data = randomData(w, 2, batches);
  const trainer = new Trainer({ ...workloadConfig(w), epochs: 1 }, data, undefined, { kernels });
  trainer.runEpoch();
  return trainer.lastEpochTimes;
}

/** GFLOP/s of one gemm, C[m×n] = A[m×k]·B[k×n], best of repeated runs over `seconds`. */
export function measureGemm(kernels: Kernels, m: number, n: number, k: number, seconds = 0.5): number {
  const rng = new Rng(3);
  const a = kernels.allocate(m * k), b = kernels.allocate(k * n), c = kernels.allocate(m * n);
  for (let i = 0; i < a.length; i++) a[i] = rng.uniform() - 0.5;
  for (let i = 0; i < b.length; i++) b[i] = rng.uniform() - 0.5;
  let best = Infinity;
  const start = performance.now();
  do {
    const t0 = performance.now();
    kernels.gemm(false, false, m, n, k, 1, a, b, 0, c);
    best = Math.min(best, performance.now() - t0);
  } while (performance.now() - start < seconds * 1000);
  return (2 * m * n * k) / (best / 1000) / 1e9;
}

const specs = {
  json: flag('print {"W1": …, "W2": …, "W3": …, "W4": …} (plus extras) as the last line'),
  threads: number('N', `threads for the matrix kernels (default ${defaultKernelThreads()} here)`, { integer: true, min: 1, max: 256 }),
  seconds: number('S', 'seconds of timed training per workload, in 5 windows whose best is reported (default 3)', { min: 0.1, max: 600 }),
  workloads: text('LIST', 'comma-separated subset, e.g. W1,W4 (default all)'),
  kernels: choice(['auto', 'native', 'wasm'] as const, `auto (default): native BLAS when built, else WebAssembly; or force one (${NATIVE_ENV}=off also forces wasm)`),
};

const HELP = formatHelp('npm run lab -- bench [--json] [--threads N] [--seconds S] [--workloads LIST]', [{ title: 'options', specs }])
  + '\n\n' + WORKLOADS.map((w) => `${w.name}: ${w.description}`).join('\n')
  + '\nAll float32, softmax cross-entropy, L2 1e-4, plain SGD, forward+backward+update on random data.';

function chooseWorkloads(list: string | undefined): Workload[] {
  if (list === undefined) return [...WORKLOADS];
  return list.split(',').map((name) => {
    const found = WORKLOADS.find((w) => w.name === name.trim().toUpperCase());
    if (!found) throw new UsageError(`--workloads: unknown workload "${name}" (choose from ${WORKLOADS.map((w) => w.name).join(', ')})`);
    return found;
  });
}

export async function run(args: string[]): Promise<number> {
  const { options, positionals, help } = parseArgs(args, specs, 'bench');
  if (help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" for "bench" (it takes only options; see lab bench --help)`);
  const workloads = chooseWorkloads(options.workloads);
  const seconds = options.seconds ?? 3;
  const kernels = await createNodeKernels({ threads: options.threads, native: options.kernels === 'wasm' ? false : undefined });
  try {
    if (options.kernels === 'native' && kernels.path !== 'native') throw new UsageError(`--kernels native: ${kernels.fallbackReason}`);
    console.log(`kernels: ${kernels.path} (${kernels.name}, ${kernels.threads} thread${kernels.threads > 1 ? 's' : ''})`
      + `${kernels.fallbackReason ? `; not native because ${kernels.fallbackReason}` : ''}`);
    const result: Record<string, number> = {};
    const epochs: Record<string, EpochTimes & { record: number }> = {};
    const round = (x: number, digits: number) => Number(x.toFixed(digits));
    for (const w of workloads) {
      const samplesPerSecond = measureWorkload(w, kernels, seconds);
      const epoch = measureEpoch(w, kernels);
      result[w.name] = round(samplesPerSecond, 1);
      epochs[w.name] = { train: round(epoch.train, 4), evaluate: round(epoch.evaluate, 4), record: 0 };
      console.log(`${w.name}  ${w.description.padEnd(38)} ${samplesPerSecond.toFixed(0).padStart(9)} samples/s`
        + `   epoch of 8 batches: train ${epoch.train.toFixed(3)} s, evaluate ${epoch.evaluate.toFixed(3)} s`);
    }
    const gflops = measureGemm(kernels, 256, 100, 3072);
    console.log(`gemm 256×3072 · 3072×100: ${gflops.toFixed(1)} GFLOP/s`);
    if (options.json) {
      console.log(JSON.stringify({
        ...result, threads: kernels.threads, kernels: kernels.name, path: kernels.path,
        gemm256x3072x100Gflops: round(gflops, 1), epochSeconds: epochs,
      }));
    }
    return 0;
  } finally {
    kernels.close();
  }
}
