/**
 * Kernels over the platform's BLAS: the Node-API addon in ./native (built at install by
 * scripts/build-native-kernels.js), with the fused steps of a training step in C.
 *
 *   const native = loadNativeAddon();            // { addon } or { reason } why not
 *   const kernels = nativeKernels(addon, { threads: 2 });
 *
 * Buffers are plain Float32Arrays (BLAS reads any memory), so there is no heap to manage
 * and nothing to close. With two threads, `productSplit` decides which products the
 * addon's helper thread shares, and in what chunks; all others run on the calling thread.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FloatArray, Kernels, OptimizerStep } from '../../src-shared/engine/kernels';
import type { LossKind } from '../../src-shared/engine/types';

/** The addon's exports (src-main/kernels/native/blas_kernels.c documents each). */
export interface BlasAddon {
  /** split: 0 alone, 1 chunks of `chunk` rows of C shared with the helper thread, 2 chunks of columns */
  gemm(transA: number, transB: number, m: number, n: number, k: number, alpha: number,
    a: Float32Array, b: Float32Array, beta: number, c: Float32Array, split: number, chunk: number): void;
  axpby(n: number, a: number, x: Float32Array, b: number, y: Float32Array): void;
  dot(n: number, x: Float32Array, y: Float32Array): number;
  sum(n: number, x: Float32Array): number;
  fill(n: number, value: number, x: Float32Array): void;
  addRowVector(rows: number, cols: number, v: Float32Array, x: Float32Array): void;
  addColumnSums(rows: number, cols: number, x: Float32Array, out: Float32Array): void;
  relu(n: number, z: Float32Array, a: Float32Array): void;
  reluBackward(n: number, z: Float32Array, da: Float32Array, dz: Float32Array): void;
  /** kind 0: softmax cross-entropy, 1: SVM; result = [mean loss, rows right] */
  loss(kind: number, batch: number, classes: number, scores: Float32Array, labels: Int32Array, dScores: Float32Array | null, result: Float64Array): void;
  optimizerStep(kind: number, n: number, w: Float32Array, dw: Float32Array, slot0: Float32Array | null, slot1: Float32Array | null,
    hyper: Float64Array, sums: Float64Array): void;
  blasInfo(): string;
}

/** Environment variable that turns the native kernels off (0, off, false or no). */
export const NATIVE_ENV = 'NEURAL_LAB_NATIVE';

/** Whether the environment asks for the WebAssembly kernels only. */
export function nativeDisabledByEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(0|off|false|no)$/i.test(env[NATIVE_ENV] ?? '');
}

/**
 * Where the built addon lives. Source (src-main/kernels) and bundle (out/main) are both
 * two folders below the app root.
 */
export function nativeAddonPath(): string {
  return fileURLToPath(new URL('../../src-main/kernels/native/build/Release/blas_kernels.node', import.meta.url));
}

let loaded: { addon: BlasAddon } | { reason: string } | undefined;

/** The addon, or why it is not available (not built, or it failed to load). Loaded once per thread. */
export function loadNativeAddon(): { addon: BlasAddon } | { reason: string } {
  if (loaded) return loaded;
  const file = nativeAddonPath();
  if (!existsSync(file)) {
    loaded = { reason: `the native kernels are not built (${file} is missing; npm run build:kernels builds them)` };
    return loaded;
  }
  try {
    loaded = { addon: createRequire(import.meta.url)(file) as BlasAddon };
  } catch (error) {
    loaded = { reason: `the native kernels failed to load: ${(error as Error).message}` };
  }
  return loaded;
}

/**
 * Smallest product (multiply-adds) shared with the helper thread. Measured on the W1–W4
 * and Fashion-MNIST shapes with the other core busy (other processes): below about 64 M,
 * waiting for a helper that is not running loses more than sharing wins (W2's 39 M
 * products ran 4× slower shared at load 18), while W3's 403 M products and 1024-row
 * evaluation batches still gain. W3 spends 89% of its multiply-adds in products above it.
 */
export const PARALLEL_MIN_WORK = 1 << 26;
/** Chunks per shared product: a few per thread, so the caller can take over a late helper's. */
export const CHUNKS_PER_PRODUCT = 4;
/**
 * Fewest rows or columns of C in one chunk: every chunk packs its share of both operands
 * again, which costs about as much as 8 multiply-adds per value packed, so thinner
 * chunks than this spend over a tenth of their time packing.
 */
export const CHUNK_MIN = 64;

/** How one product is computed: alone, or shared in chunks of `chunk` rows or columns of C. */
export type ProductSplit = { by: 'none' } | { by: 'rows' | 'columns'; chunk: number };

/**
 * The rule for sharing C[m×n] = op(A)[m×k]·op(B)[k×n] when `threads` threads may work on
 * it: small products stay on the calling thread; big ones are cut along C's longer side
 * into CHUNKS_PER_PRODUCT chunks of whole 16-wide register blocks (at least CHUNK_MIN).
 * It depends on the shape and the thread count only, so training stays deterministic for
 * a given thread count.
 */
export function productSplit(m: number, n: number, k: number, threads: number): ProductSplit {
  if (threads < 2 || m * n * k < PARALLEL_MIN_WORK) return { by: 'none' };
  const side = Math.max(m, n);
  const chunk = Math.max(CHUNK_MIN, Math.ceil(side / CHUNKS_PER_PRODUCT / 16) * 16);
  if (side < 2 * chunk) return { by: 'none' };
  return { by: m >= n ? 'rows' : 'columns', chunk };
}

const SPLIT_CODE = { none: 0, rows: 1, columns: 2 } as const;

export interface NativeKernels extends Kernels {
  readonly threads: number;
  readonly blas: string;
  close(): void;
}

const OPTIMIZER_KIND = { sgd: 0, momentum: 1, adam: 2 } as const;

/** Kernels through `addon`; with `threads` ≥ 2, big products are shared with the addon's one helper thread (productSplit). */
export function nativeKernels(addon: BlasAddon, options: { threads?: number } = {}): NativeKernels {
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  const lossResult = new Float64Array(2);
  const hyper = new Float64Array(9);
  // Float64Array operands (gradient checks) go to the reference arithmetic in the engine,
  // which never hands them to kernels; these casts only narrow the static type.
  const f32 = (x: FloatArray) => x as Float32Array;
  return {
    name: `native-blas${threads > 1 ? `-${threads}t` : ''}`,
    threads,
    blas: addon.blasInfo(),
    close: () => {},
    allocate: (length) => new Float32Array(length),
    readsAnyMemory: true,
    gemm(transA, transB, m, n, k, alpha, a, b, beta, c) {
      const split = productSplit(m, n, k, threads);
      addon.gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, f32(a), f32(b), beta, f32(c), SPLIT_CODE[split.by], split.by === 'none' ? 0 : split.chunk);
    },
    axpby: (n, a, x, b, y) => addon.axpby(n, a, f32(x), b, f32(y)),
    dot: (n, x, y) => addon.dot(n, f32(x), f32(y)),
    sum: (n, x) => addon.sum(n, f32(x)),
    fill: (n, value, x) => addon.fill(n, value, f32(x)),
    addRowVector: (rows, cols, v, x) => addon.addRowVector(rows, cols, f32(v), f32(x)),
    addColumnSums: (rows, cols, x, out) => addon.addColumnSums(rows, cols, f32(x), f32(out)),
    relu: (n, z, a) => addon.relu(n, f32(z), f32(a)),
    reluBackward: (n, z, da, dz) => addon.reluBackward(n, f32(z), f32(da), f32(dz)),
    loss(kind: LossKind, scores, labels, batch, classes, dScores) {
      addon.loss(kind === 'softmax' ? 0 : 1, batch, classes, f32(scores), labels, dScores ? f32(dScores) : null, lossResult);
      return { loss: lossResult[0], correct: lossResult[1] };
    },
    optimizerStep(step: OptimizerStep, w, dw, slots, sums) {
      hyper[0] = step.lr; hyper[1] = step.l1; hyper[2] = step.l2; hyper[3] = step.momentum;
      hyper[4] = step.beta1; hyper[5] = step.beta2; hyper[6] = step.eps;
      hyper[7] = 1 - Math.pow(step.beta1, step.t); hyper[8] = 1 - Math.pow(step.beta2, step.t);
      addon.optimizerStep(OPTIMIZER_KIND[step.kind], w.length, f32(w), f32(dw),
        slots[0] ? f32(slots[0]) : null, slots[1] ? f32(slots[1]) : null, hyper, sums);
    },
  };
}
