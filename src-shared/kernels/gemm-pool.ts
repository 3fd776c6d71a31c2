/**
 * Several threads on one gemm, sharing one WebAssembly memory.
 *
 * The calling thread (the training worker) writes the job into a control block in shared
 * memory, bumps a generation counter and wakes the helpers; every thread, the caller
 * included, computes one stripe of C (rows, or columns when C is wide and short) with its
 * own packing area, and the caller waits until the helpers' pending count reaches zero.
 * Threads spin briefly before sleeping in Atomics.wait, because training calls gemm many
 * times in a row and a futex wake costs tens of microseconds.
 *
 * This file is the protocol only; who starts the helper threads (Node worker_threads,
 * Web Workers) is the platform's business (src-main/kernels/threaded-kernels.ts).
 */
import type { GemmRunner, KernelExports } from './wasm-kernels';
import type { WasmMemory } from './wasm-api';
import { GEMM_SHAPE } from './kernels-wasm.generated';

/** Control block layout, in int32 slots. */
const GENERATION = 0;
const PENDING = 1;
const STOP = 2;
const TRANS_A = 3;
const TRANS_B = 4;
const M = 5;
const N = 6;
const K = 7;
const ALPHA = 8;
const A = 9;
const B = 10;
const BETA = 11;
const C = 12;
const SPLIT_COLUMNS = 13;
const PARTS = 14;

/** Bytes the control block occupies (one cache line each for the counters and the job). */
export const CONTROL_BYTES = 128;

/** Below this many multiply-adds a gemm runs on the calling thread alone. */
export const PARALLEL_MIN_WORK = 1 << 17;

/** Spin iterations before sleeping (a few tens of microseconds). */
const SPIN = 20000;

export interface Stripe {
  /** first row (or column) of C in this stripe */
  start: number;
  /** one past the last */
  end: number;
}

/**
 * Stripe `part` of `parts`: rows of C in multiples of the micro-kernel height, or columns
 * in multiples of its width. Stripes may be empty when C is small.
 */
export function stripe(extent: number, parts: number, part: number, granule: number): Stripe {
  const size = Math.ceil(extent / (parts * granule)) * granule;
  const start = Math.min(extent, part * size);
  return { start, end: Math.min(extent, start + size) };
}

/** Whether to split C by columns: when it is too short to give every thread rows. */
export function splitColumns(m: number, n: number, parts: number): boolean {
  const NR = GEMM_SHAPE.nrv * 4;
  return m < parts * GEMM_SHAPE.mr * 4 && n >= parts * NR;
}

/** Runs one stripe of the job in the control block. */
function runStripe(exports: KernelExports, ctl: Int32Array, ctlF: Float32Array, part: number, work: number): void {
  const transA = ctl[TRANS_A], transB = ctl[TRANS_B];
  const m = ctl[M], n = ctl[N], k = ctl[K];
  const alpha = ctlF[ALPHA], beta = ctlF[BETA];
  const a = ctl[A], b = ctl[B], c = ctl[C];
  const parts = ctl[PARTS];
  const lda = transA ? m : k, ldb = transB ? k : n;
  if (ctl[SPLIT_COLUMNS]) {
    const { start, end } = stripe(n, parts, part, GEMM_SHAPE.nrv * 4);
    if (end <= start) return;
    const bStart = b + (transB ? start * k : start) * 4;
    exports.gemm(transA, transB, m, end - start, k, alpha, a, lda, bStart, ldb, beta, c + start * 4, n, work);
  } else {
    const { start, end } = stripe(m, parts, part, GEMM_SHAPE.mr);
    if (end <= start) return;
    const aStart = a + (transA ? start : start * k) * 4;
    exports.gemm(transA, transB, end - start, n, k, alpha, aStart, lda, b, ldb, beta, c + start * n * 4, n, work);
  }
}

function controlViews(memory: WasmMemory, control: number): { ctl: Int32Array; ctlF: Float32Array } {
  return {
    ctl: new Int32Array(memory.buffer, control, CONTROL_BYTES / 4),
    ctlF: new Float32Array(memory.buffer, control, CONTROL_BYTES / 4),
  };
}

/**
 * The helper thread's loop: wait for a job, compute stripe `part`, report, repeat until
 * stopped. Blocks (Atomics.wait), so it must run in a worker.
 */
export function runGemmPoolWorker(
  exports: KernelExports, memory: WasmMemory, control: number, part: number, work: number,
): void {
  const { ctl, ctlF } = controlViews(memory, control);
  let seen = Atomics.load(ctl, GENERATION);
  for (;;) {
    let spins = 0;
    while (Atomics.load(ctl, GENERATION) === seen) {
      if (++spins > SPIN) { Atomics.wait(ctl, GENERATION, seen); spins = 0; }
    }
    seen = Atomics.load(ctl, GENERATION);
    if (Atomics.load(ctl, STOP)) return;
    runStripe(exports, ctl, ctlF, part, work);
    if (Atomics.sub(ctl, PENDING, 1) === 1) Atomics.notify(ctl, PENDING);
  }
}

/** The calling thread's side: part 0 of every job is computed here. */
export class PoolRunner implements GemmRunner {
  private readonly ctl: Int32Array;
  private readonly ctlF: Float32Array;

  /**
   * @param threads helpers + 1 (the caller)
   * @param control byte offset of the control block
   * @param work byte offset of the caller's own work area
   * @param stopHelpers called by close() after the helpers were told to stop
   */
  constructor(
    private readonly exports: KernelExports,
    memory: WasmMemory,
    private readonly control: number,
    readonly threads: number,
    private readonly work: number,
    private readonly stopHelpers: () => void = () => {},
  ) {
    ({ ctl: this.ctl, ctlF: this.ctlF } = controlViews(memory, control));
  }

  run(transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number, a: number, b: number, beta: number, c: number): void {
    const ctl = this.ctl;
    if (m * n * k < PARALLEL_MIN_WORK || this.threads === 1) {
      this.exports.gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, transA ? m : k, b, transB ? k : n, beta, c, n, this.work);
      return;
    }
    ctl[TRANS_A] = transA ? 1 : 0; ctl[TRANS_B] = transB ? 1 : 0;
    ctl[M] = m; ctl[N] = n; ctl[K] = k;
    this.ctlF[ALPHA] = alpha; this.ctlF[BETA] = beta;
    ctl[A] = a; ctl[B] = b; ctl[C] = c;
    ctl[SPLIT_COLUMNS] = splitColumns(m, n, this.threads) ? 1 : 0;
    ctl[PARTS] = this.threads;
    Atomics.store(ctl, PENDING, this.threads - 1);
    Atomics.add(ctl, GENERATION, 1);
    Atomics.notify(ctl, GENERATION);
    runStripe(this.exports, ctl, this.ctlF, 0, this.work);
    let spins = 0;
    for (;;) {
      const pending = Atomics.load(ctl, PENDING);
      if (pending === 0) break;
      if (++spins > SPIN) { Atomics.wait(ctl, PENDING, pending); spins = 0; }
    }
  }

  close(): void {
    Atomics.store(this.ctl, STOP, 1);
    Atomics.add(this.ctl, GENERATION, 1);
    Atomics.notify(this.ctl, GENERATION);
    this.stopHelpers();
  }

  /** Byte offset of the control block, for the helpers. */
  get controlOffset(): number { return this.control; }
}
