/**
 * Several threads on one gemm, sharing one WebAssembly memory.
 *
 * The calling thread (the training worker) writes the job into a control block in shared
 * memory, bumps a generation counter and wakes the helpers. C is cut into chunks (row
 * stripes, or column stripes when C is short and wide); every thread, the caller included,
 * claims chunks one at a time until none are left, each with its own packing area, and the
 * caller waits until all chunks are done. Claiming (rather than a fixed stripe per thread)
 * keeps a descheduled helper from holding up the step: on a busy machine the caller simply
 * does more of the chunks itself. Threads spin briefly before sleeping in Atomics.wait,
 * because training calls gemm many times in a row and a futex wake costs tens of
 * microseconds.
 *
 * A chunk is claimed by compare-and-swap on one word holding (generation, next chunk), so
 * a helper that read the job's parameters late can never claim a chunk of a newer job.
 * Before the caller writes a new job it closes the claim word of the last one (next chunk
 * CLOSED), and claimers read the chunk count atomically before the claim word: a helper
 * that woke for a job the caller has long finished alone cannot pair that job's claim word
 * with the next job's (larger) chunk count and claim a chunk that does not exist. Such a
 * helper would compute a chunk of the next job uninvited and count it as done, so the
 * caller would go on while a chunk was still being written (different weights now and
 * then on a busy machine), or, the count overshooting, wait forever.
 *
 * The cut into chunks depends only on the shape and the thread count, every chunk is
 * computed the same way whoever claims it, and the products' sums run along k inside a
 * chunk, so results do not depend on timing: training is bit-reproducible for a given
 * seed and thread count.
 *
 * This file is the protocol only; who starts the helper threads (Node worker_threads,
 * Web Workers) is the platform's business (src-main/kernels/threaded-kernels.ts).
 */
import { gemmFor, type GemmRunner, type KernelExports } from './wasm-kernels';
import type { WasmMemory } from './wasm-api';
import { GEMM_SHAPES } from './kernels-wasm.generated';

/** Control block layout, in int32 slots. */
const GENERATION = 0;
/** chunks finished in the current job */
const DONE = 1;
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
/** chunks in the job */
const CHUNKS = 14;
/** chunk boundaries fall on multiples of this many rows (columns, values) */
const GRANULE = 15;
/** (generation << 8) | next unclaimed chunk */
const CLAIM = 16;
/** next-chunk value of a closed claim word: no job has this many chunks (MAX_CHUNKS) */
const CLOSED = 0xff;
/** what the job is: GEMM_JOB or one of the VectorJob kinds */
const KIND = 17;
const GEMM_JOB = 0;
/** Byte offset, within the control block, of the float64 partial results of vector jobs. */
const PARTIALS = 1024;

/** Vector kernels the pool can spread over threads (see KernelExports). */
export type VectorJob = 'axpby' | 'dot' | 'sum' | 'fill';
const VECTOR_KIND: Record<VectorJob, number> = { axpby: 1, dot: 2, sum: 3, fill: 4 };

/** Below this many values a vector kernel runs on the calling thread alone. */
export const PARALLEL_MIN_VECTOR = 1 << 18;

/** Chunks per job are capped so a chunk index fits the claim word's low byte. */
const MAX_CHUNKS = 255;
/** Chunks per thread when the product is big enough: slack for a slow or busy thread. */
const CHUNKS_PER_THREAD = 3;
/** Smallest chunk worth its own packing, in multiply-adds. */
const MIN_CHUNK_WORK = 1 << 21;
/**
 * Smallest chunk side beyond the one-per-thread minimum: a chunk packs all of the shared
 * operand (k × its other side), so packing costs 1/side of its multiply-adds.
 */
const MIN_CHUNK_SIDE = 64;

/** Bytes the control block occupies: the job, then one float64 partial result per chunk. */
export const CONTROL_BYTES = PARTIALS + MAX_CHUNKS * 8 + 8;

/** Below this many multiply-adds a gemm runs on the calling thread alone. */
export const PARALLEL_MIN_WORK = 1 << 17;

/**
 * How long a helper keeps polling for the next job before it sleeps, in milliseconds.
 * A training step's products are tens to hundreds of microseconds apart, and waking a
 * sleeping thread costs about as much, so helpers poll through a step and sleep between
 * runs (or when the run pauses).
 */
const HELPER_SPIN_MS = 0.5;
/** Polls between clock reads while spinning. */
const SPIN_CHECK = 256;
/** Iterations the caller polls for the last chunks before it sleeps. */
const CALLER_SPIN = 20000;
/**
 * Contention guard. When other processes hold the cores, a helper can be descheduled in
 * the middle of a chunk and the caller waits for it; or helpers get no core at all, do no
 * chunks, and their polling takes time from the caller. Either makes a step slower than on
 * one thread. The caller keeps moving averages of the share of each job it spent waiting
 * and of the share of chunks the helpers did; when waiting exceeds CONTENDED, or the
 * helpers did less than STARVED, it computes alone for SOLO_MS (helpers sleep), then tries
 * them again.
 */
const CONTENDED = 0.35;
const STARVED = 0.15;
const SOLO_MS = 100;

export interface Chunking {
  splitColumns: boolean;
  chunks: number;
  /** chunk boundaries are multiples of this: the micro-kernel's height (or width) */
  granule: number;
}

/**
 * Where chunk `chunk` of `chunks` starts in [0, extent): evenly spread, rounded down to the
 * granule (chunk `chunks` starts at extent), so chunks differ by at most one granule.
 */
export function chunkStart(chunk: number, chunks: number, extent: number, granule: number): number {
  if (chunk >= chunks) return extent;
  return Math.floor((chunk * extent) / (chunks * granule)) * granule;
}

/**
 * How to cut C[m × n] for `threads` threads. Every chunk packs its own copy of the operand
 * it shares with the other chunks (B for row chunks, A for column chunks), so cut along
 * the longer side of C, whose chunks share the smaller operand; about CHUNKS_PER_THREAD
 * chunks per thread, fewer when chunks would get small, and always a multiple of the
 * thread count so that no thread is left with one chunk more than the others.
 */
export function chunking(m: number, n: number, k: number, threads: number): Chunking {
  // row chunks in multiples of every family's tile height; column chunks of the wide tile
  const MR = 12, NR = GEMM_SHAPES.wide.nrv * 4;
  const splitColumns = n > m && n >= threads * NR;
  const extent = splitColumns ? n : m, granule = splitColumns ? NR : MR;
  const byWork = Math.floor((m * n * k) / MIN_CHUNK_WORK);
  const bySide = Math.floor(extent / MIN_CHUNK_SIDE);
  const wanted = Math.max(1, Math.min(threads * CHUNKS_PER_THREAD, byWork, bySide));
  const balanced = Math.ceil(wanted / threads) * threads;
  const chunks = Math.max(1, Math.min(MAX_CHUNKS, balanced, Math.ceil(extent / granule)));
  return { splitColumns, chunks, granule };
}

/** Views of one control block. */
interface Control { ctl: Int32Array; ctlF: Float32Array; partials: Float64Array }

/** Vector chunks start on a 64-byte boundary relative to x: a multiple of 16 values. */
const VECTOR_GRANULE = 16;

/** A vector kernel over n values on the calling thread; dot's and sum's result (0 for the others). */
function vectorAlone(exports: KernelExports, job: VectorJob, n: number, a: number, x: number, b: number, y: number): number {
  switch (job) {
    case 'axpby': exports.axpby(n, a, x, b, y); return 0;
    case 'dot': return exports.dot(n, x, y);
    case 'sum': return exports.sum(n, x);
    case 'fill': exports.fill(n, a, x); return 0;
  }
}

/** Computes chunk `chunk` of a vector job over n values. */
function runVectorChunk(exports: KernelExports, { ctl, ctlF, partials }: Control, chunk: number): void {
  const start = chunkStart(chunk, ctl[CHUNKS], ctl[N], ctl[GRANULE]);
  const count = chunkStart(chunk + 1, ctl[CHUNKS], ctl[N], ctl[GRANULE]) - start;
  const x = ctl[A] + start * 4, y = ctl[B] + start * 4;
  switch (ctl[KIND]) {
    case VECTOR_KIND.axpby: exports.axpby(count, ctlF[ALPHA], x, ctlF[BETA], y); break;
    case VECTOR_KIND.dot: partials[chunk] = exports.dot(count, x, y); break;
    case VECTOR_KIND.sum: partials[chunk] = exports.sum(count, x); break;
    case VECTOR_KIND.fill: exports.fill(count, ctlF[ALPHA], x); break;
  }
}

/** Computes chunk `chunk` of the job in the control block. */
function runChunk(exports: KernelExports, control: Control, chunk: number, work: number): void {
  const { ctl, ctlF } = control;
  if (ctl[KIND] !== GEMM_JOB) {
    runVectorChunk(exports, control, chunk);
    return;
  }
  const transA = ctl[TRANS_A], transB = ctl[TRANS_B];
  const m = ctl[M], n = ctl[N], k = ctl[K];
  const alpha = ctlF[ALPHA], beta = ctlF[BETA];
  const a = ctl[A], b = ctl[B], c = ctl[C];
  const lda = transA ? m : k, ldb = transB ? k : n;
  const extent = ctl[SPLIT_COLUMNS] ? n : m;
  const start = chunkStart(chunk, ctl[CHUNKS], extent, ctl[GRANULE]);
  const end = chunkStart(chunk + 1, ctl[CHUNKS], extent, ctl[GRANULE]);
  if (end <= start) return;
  if (ctl[SPLIT_COLUMNS]) {
    const bStart = b + (transB ? start * k : start) * 4;
    gemmFor(exports, end - start)(transA, transB, m, end - start, k, alpha, a, lda, bStart, ldb, beta, c + start * 4, n, work);
  } else {
    const aStart = a + (transA ? start : start * k) * 4;
    gemmFor(exports, n)(transA, transB, end - start, n, k, alpha, aStart, lda, b, ldb, beta, c + start * n * 4, n, work);
  }
}

/** Claims and computes chunks of job `generation` until none are left; returns how many it did. */
function claimChunks(exports: KernelExports, control: Control, generation: number, work: number): number {
  const ctl = control.ctl;
  // atomically and before the claim word: a successful claim then proves that this count
  // is the claimed job's (the caller closes the claim word before it writes a new count)
  const chunks = Atomics.load(ctl, CHUNKS);
  for (let did = 0; ; did++) {
    const word = Atomics.load(ctl, CLAIM);
    if (word >>> 8 !== (generation & 0xffffff)) return did;
    const chunk = word & 0xff;
    if (chunk >= chunks) return did;
    if (Atomics.compareExchange(ctl, CLAIM, word, word + 1) !== word) { did--; continue; }
    runChunk(exports, control, chunk, work);
    if (Atomics.add(ctl, DONE, 1) + 1 === chunks) Atomics.notify(ctl, DONE);
  }
}

function controlViews(memory: WasmMemory, control: number): Control {
  return {
    ctl: new Int32Array(memory.buffer, control, PARTIALS / 4),
    ctlF: new Float32Array(memory.buffer, control, PARTIALS / 4),
    partials: new Float64Array(memory.buffer, control + PARTIALS, MAX_CHUNKS),
  };
}

/**
 * The helper thread's loop: wait for a job, claim chunks, repeat until stopped. Blocks
 * (Atomics.wait), so it must run in a worker.
 */
export function runGemmPoolWorker(exports: KernelExports, memory: WasmMemory, control: number, work: number): void {
  const views = controlViews(memory, control);
  const ctl = views.ctl;
  let seen = Atomics.load(ctl, GENERATION);
  for (;;) {
    let spins = 0;
    let since = performance.now();
    while (Atomics.load(ctl, GENERATION) === seen) {
      if (++spins % SPIN_CHECK !== 0) continue;
      const now = performance.now();
      if (now - since > HELPER_SPIN_MS) {
        Atomics.wait(ctl, GENERATION, seen);
        since = performance.now();
      }
    }
    seen = Atomics.load(ctl, GENERATION);
    if (Atomics.load(ctl, STOP)) return;
    claimChunks(exports, views, seen, work);
  }
}

/** The calling thread's side. */
export class PoolRunner implements GemmRunner {
  private readonly control: Control;
  /** moving average of the share of a job's time the caller spent waiting for helpers */
  private waiting = 0;
  /** moving average of the share of a job's chunks the helpers did */
  private helped = 0.5;
  /** until this time (performance.now()), jobs run on the caller alone */
  private soloUntil = 0;

  /**
   * @param threads helpers + 1 (the caller)
   * @param control byte offset of the control block
   * @param work byte offset of the caller's own work area
   * @param stopHelpers called by close() after the helpers were told to stop
   * @param soloMs how long the contention guard keeps the caller alone
   */
  constructor(
    readonly exports: KernelExports,
    memory: WasmMemory,
    control: number,
    readonly threads: number,
    private readonly work: number,
    private readonly stopHelpers: () => void = () => {},
    private readonly soloMs = SOLO_MS,
  ) {
    this.control = controlViews(memory, control);
  }

  run(transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number, a: number, b: number, beta: number, c: number): void {
    const { ctl, ctlF } = this.control;
    const plan = chunking(m, n, k, this.threads);
    if (m * n * k < PARALLEL_MIN_WORK || this.threads === 1 || plan.chunks < 2 || this.solo()) {
      // the same values as the chunks would give: each C value is summed along k alike
      gemmFor(this.exports, n)(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, transA ? m : k, b, transB ? k : n, beta, c, n, this.work);
      return;
    }
    this.closeClaims();
    ctl[KIND] = GEMM_JOB;
    ctl[TRANS_A] = transA ? 1 : 0; ctl[TRANS_B] = transB ? 1 : 0;
    ctl[M] = m; ctl[N] = n; ctl[K] = k;
    ctlF[ALPHA] = alpha; ctlF[BETA] = beta;
    ctl[A] = a; ctl[B] = b; ctl[C] = c;
    ctl[SPLIT_COLUMNS] = plan.splitColumns ? 1 : 0;
    this.runJob(plan.chunks, plan.granule);
  }

  /**
   * A vector kernel over n values at byte offsets x (and y), spread over the threads when
   * n is large; returns the float64 result of dot and sum (0 for the others).
   */
  vector(job: VectorJob, n: number, a: number, x: number, b: number, y: number): number {
    const { ctl, ctlF, partials } = this.control;
    const exports = this.exports;
    const reduces = job === 'dot' || job === 'sum';
    if (n < PARALLEL_MIN_VECTOR || this.threads === 1) return vectorAlone(exports, job, n, a, x, b, y);
    const chunks = Math.min(MAX_CHUNKS, this.threads * 2);
    if (this.solo()) {
      // Elementwise jobs give the same values whole. Reductions are summed in the same
      // chunks as when shared, so the contention guard cannot change their result.
      if (!reduces) return vectorAlone(exports, job, n, a, x, b, y);
      let total = 0;
      for (let chunk = 0; chunk < chunks; chunk++) {
        const start = chunkStart(chunk, chunks, n, VECTOR_GRANULE);
        total += vectorAlone(exports, job, chunkStart(chunk + 1, chunks, n, VECTOR_GRANULE) - start, a, x + start * 4, b, y + start * 4);
      }
      return total;
    }
    this.closeClaims();
    ctl[KIND] = VECTOR_KIND[job];
    ctl[N] = n; ctl[A] = x; ctl[B] = y;
    ctlF[ALPHA] = a; ctlF[BETA] = b;
    this.runJob(chunks, VECTOR_GRANULE);
    let total = 0;
    for (let chunk = 0; chunk < chunks; chunk++) total += partials[chunk];
    return reduces ? total : 0;
  }

  /** Whether the contention guard has the caller working alone just now. */
  get alone(): boolean {
    return this.solo();
  }

  private solo(): boolean {
    return this.soloUntil > 0 && performance.now() < this.soloUntil;
  }

  /**
   * Closes the last job's claim word, so that no helper still holding that job can claim
   * anything while the next job's parameters are written (see the top of this file).
   */
  private closeClaims(): void {
    const { ctl } = this.control;
    Atomics.store(ctl, CLAIM, ((Atomics.load(ctl, GENERATION) & 0xffffff) << 8) | CLOSED);
  }

  /** Publishes the job written into the control block (claims closed), takes part, waits for the rest. */
  private runJob(chunks: number, granule: number): void {
    const { ctl } = this.control;
    const started = performance.now();
    Atomics.store(ctl, CHUNKS, chunks);
    ctl[GRANULE] = granule;
    Atomics.store(ctl, DONE, 0);
    const generation = (ctl[GENERATION] + 1) | 0;
    Atomics.store(ctl, CLAIM, (generation & 0xffffff) << 8);
    Atomics.store(ctl, GENERATION, generation);
    Atomics.notify(ctl, GENERATION);
    const mine = claimChunks(this.exports, this.control, generation, this.work);
    const claimed = performance.now();
    let spins = 0;
    for (;;) {
      const done = Atomics.load(ctl, DONE);
      if (done === chunks) break;
      if (++spins > CALLER_SPIN) { Atomics.wait(ctl, DONE, done); spins = 0; }
    }
    const finished = performance.now();
    this.waiting = 0.8 * this.waiting + 0.2 * ((finished - claimed) / Math.max(finished - started, 1e-3));
    this.helped = 0.8 * this.helped + 0.2 * (1 - mine / chunks);
    if (this.waiting > CONTENDED || this.helped < STARVED) {
      this.soloUntil = finished + this.soloMs;
      this.waiting = 0;
      this.helped = 0.5;
    }
  }

  close(): void {
    const { ctl } = this.control;
    Atomics.store(ctl, STOP, 1);
    Atomics.add(ctl, GENERATION, 1);
    Atomics.notify(ctl, GENERATION);
    this.stopHelpers();
  }
}
