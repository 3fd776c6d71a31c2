/**
 * WebAssembly SIMD kernels behind the engine's `Kernels` interface.
 *
 * Everything lives in one shared WasmMemory: the buffers the engine allocates
 * (views that never detach, because shared memories only ever grow in place), each
 * thread's work area for packing, and the control block a thread pool synchronises on.
 * Arrays that are not views into this memory still work: they are copied in and out of a
 * scratch area (Float64Array, used by gradient checks, goes to the reference kernels).
 *
 * Runs anywhere WebAssembly SIMD does: Node workers, the Electron renderer, browsers.
 */
import { type FloatArray, type Kernels, referenceKernels } from '../engine/kernels';
import { MEMORY_FLAGS_OFFSET, NARROW_MAX_N, RELAXED_WASM_BASE64, SIMD_WASM_BASE64, WORK_BYTES } from './kernels-wasm.generated';
import { type WasmMemory, type WasmModule, wasmApi } from './wasm-api';

const PAGE = 65536;
/** Every allocation starts on a cache line. */
const ALIGN = 64;

/**
 * C = alpha·op(A)·op(B) + beta·C on byte offsets into the shared memory, with leading
 * dimensions in floats and a work area of WORK_BYTES for this thread.
 */
export type GemmFunction = (
  transA: number, transB: number, m: number, n: number, k: number,
  alpha: number, a: number, lda: number, b: number, ldb: number,
  beta: number, c: number, ldc: number, work: number,
) => void;

/** The generated module's exports. */
export interface KernelExports {
  axpby(n: number, a: number, x: number, b: number, y: number): void;
  dot(n: number, x: number, y: number): number;
  sum(n: number, x: number): number;
  fill(n: number, value: number, x: number): void;
  add_row_vector(rows: number, cols: number, v: number, x: number): void;
  add_column_sums(rows: number, cols: number, x: number, out: number): void;
  /** 4 × 8 register tiles: most products */
  gemm_wide: GemmFunction;
  /** 3 × 12 register tiles: C with at most NARROW_MAX_N columns */
  gemm_narrow: GemmFunction;
}

/** The gemm family for a product whose C has `n` columns. */
export function gemmFor(exports: KernelExports, n: number): GemmFunction {
  return n <= NARROW_MAX_N ? exports.gemm_narrow : exports.gemm_wide;
}

export type SimdFlavour = 'relaxed' | 'simd';
export type { WasmMemory, WasmModule };

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const cachedBytes = new Map<string, Uint8Array<ArrayBuffer>>();

/** The module's bytes for one flavour, importing a shared memory or (shared = false) an unshared one. */
export function kernelModuleBytes(flavour: SimdFlavour, shared = true): Uint8Array<ArrayBuffer> {
  const key = `${flavour}-${shared}`;
  const cached = cachedBytes.get(key);
  if (cached) return cached;
  const bytes = decodeBase64(flavour === 'relaxed' ? RELAXED_WASM_BASE64 : SIMD_WASM_BASE64);
  if (!shared) bytes[MEMORY_FLAGS_OFFSET[flavour]] = 0x01;
  cachedBytes.set(key, bytes);
  return bytes;
}

/** Whether this runtime has WebAssembly SIMD, and relaxed SIMD (checked by validating our modules). */
export function detectSimd(): { simd: boolean; relaxed: boolean } {
  return {
    simd: wasmApi !== undefined && wasmApi.validate(kernelModuleBytes('simd')),
    relaxed: wasmApi !== undefined && wasmApi.validate(kernelModuleBytes('relaxed')),
  };
}

export interface WasmKernelsOptions {
  /** 'auto' (default) uses relaxed SIMD when the runtime validates it. */
  flavour?: SimdFlavour | 'auto';
  /**
   * Shared memory (default 'auto': whenever the runtime allows it). Browsers allow it
   * only in cross-origin-isolated pages; without it the memory cannot grow (growing would
   * detach every view handed out), so it is created at `initialBytes` and stays that size.
   */
  shared?: boolean | 'auto';
  /** Memory to start with, bytes (default 16 MiB shared, 64 MiB unshared). */
  initialBytes?: number;
  /** Upper bound a shared memory may grow to, bytes (default 4 GiB). */
  maximumBytes?: number;
}

function pickFlavour(flavour: SimdFlavour | 'auto' | undefined): SimdFlavour {
  const support = detectSimd();
  if (!support.simd) throw new Error('WebAssembly SIMD is not available in this runtime');
  if (flavour === 'relaxed' && !support.relaxed) throw new Error('relaxed WebAssembly SIMD is not available in this runtime');
  if (flavour === 'simd') return 'simd';
  return support.relaxed ? 'relaxed' : 'simd';
}

/** A shared memory when allowed (and wanted), else an unshared one of fixed size. */
function createMemory(options: WasmKernelsOptions): { memory: WasmMemory; shared: boolean } {
  const maximum = Math.min(65536, Math.ceil((options.maximumBytes ?? 2 ** 32) / PAGE));
  if (options.shared !== false) {
    const initial = Math.max(1, Math.ceil((options.initialBytes ?? 16 * 2 ** 20) / PAGE));
    try {
      return { memory: new wasmApi!.Memory({ initial, maximum: Math.max(initial, maximum), shared: true }), shared: true };
    } catch (error) {
      if (options.shared === true) throw new Error(`shared WebAssembly memory is not available here: ${(error as Error).message}`, { cause: error });
    }
  }
  const pages = Math.max(1, Math.ceil((options.initialBytes ?? 64 * 2 ** 20) / PAGE));
  return { memory: new wasmApi!.Memory({ initial: pages, maximum: pages, shared: false }), shared: false };
}

/**
 * A compiled kernel module plus the memory it runs in, before any instance exists; a
 * thread pool hands both to its workers so all threads share one heap.
 */
export interface WasmKernelSetup {
  flavour: SimdFlavour;
  module: WasmModule;
  memory: WasmMemory;
  /** false: fixed-size unshared memory (no threads, no growth) */
  shared: boolean;
}

export async function compileWasmKernels(options: WasmKernelsOptions = {}): Promise<WasmKernelSetup> {
  const flavour = pickFlavour(options.flavour);
  const { memory, shared } = createMemory(options);
  const module = await wasmApi!.compile(kernelModuleBytes(flavour, shared));
  return { flavour, module, memory, shared };
}

/** Synchronous compile: fine in workers and Node; browsers' main threads refuse large modules. */
export function compileWasmKernelsSync(options: WasmKernelsOptions = {}): WasmKernelSetup {
  const flavour = pickFlavour(options.flavour);
  const { memory, shared } = createMemory(options);
  return { flavour, module: new wasmApi!.Module(kernelModuleBytes(flavour, shared)), memory, shared };
}

export function instantiateKernels(setup: WasmKernelSetup): KernelExports {
  const instance = new wasmApi!.Instance(setup.module, { env: { memory: setup.memory } });
  return instance.exports as unknown as KernelExports;
}

/**
 * How a gemm call is spread over threads. The single-threaded kernels call the module
 * directly; a thread pool (gemm-pool.ts) splits C into row or column stripes.
 */
export interface GemmRunner {
  readonly threads: number;
  /** the calling thread's module instance (vector kernels run there) */
  readonly exports: KernelExports;
  run(
    transA: boolean, transB: boolean, m: number, n: number, k: number,
    alpha: number, a: number, b: number, beta: number, c: number,
  ): void;
  close?(): void;
}

/** Bump allocator over the shared memory, growing it as needed. Never frees. */
export class SharedHeap {
  private top: number;
  /** Every ArrayBuffer object this memory has shown us (one per growth). */
  private readonly buffers = new Set<ArrayBufferLike>();

  /** `growable`: false for an unshared memory, whose growth would detach the views handed out */
  constructor(readonly memory: WasmMemory, private readonly growable = true, start = ALIGN) {
    this.top = Math.ceil(start / ALIGN) * ALIGN;
    this.buffers.add(memory.buffer);
  }

  /** Reserves `bytes` (aligned to a cache line) and returns the byte offset. */
  reserve(bytes: number): number {
    const start = this.top;
    const end = start + Math.ceil(Math.max(bytes, 1) / ALIGN) * ALIGN;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      if (!this.growable) {
        throw new Error(`out of WebAssembly memory: ${end} bytes needed, the fixed (unshared) memory has ${have}; pass a larger initialBytes`);
      }
      const pages = Math.ceil((end - have) / PAGE);
      try {
        this.memory.grow(pages);
      } catch {
        throw new Error(`out of WebAssembly memory: cannot grow from ${have} to ${end} bytes`);
      }
      this.buffers.add(this.memory.buffer);
    }
    this.top = end;
    return start;
  }

  float32(length: number): Float32Array {
    const ptr = this.reserve(length * 4);
    return new Float32Array(this.memory.buffer, ptr, length);
  }

  int32(length: number): Int32Array {
    const ptr = this.reserve(length * 4);
    return new Int32Array(this.memory.buffer, ptr, length);
  }

  /** Byte offset of `array` in this memory, or -1 when it is not a view into it. */
  offsetOf(array: FloatArray): number {
    if (!(array instanceof Float32Array)) return -1;
    return this.buffers.has(array.buffer) ? array.byteOffset : -1;
  }

  /** Current ArrayBuffer of the memory (after any growth). */
  get buffer(): ArrayBufferLike {
    const buffer = this.memory.buffer;
    this.buffers.add(buffer);
    return buffer;
  }
}

/** Runs gemm on the calling thread only. */
export class SingleThreadRunner implements GemmRunner {
  readonly threads = 1;
  constructor(readonly exports: KernelExports, private readonly work: number) {}

  run(transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number, a: number, b: number, beta: number, c: number): void {
    gemmFor(this.exports, n)(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, transA ? m : k, b, transB ? k : n, beta, c, n, this.work);
  }
}

export interface WasmKernels extends Kernels {
  readonly flavour: SimdFlavour;
  readonly threads: number;
  readonly memory: WasmMemory;
  /** Stops any worker threads; the kernels must not be used afterwards. */
  close(): void;
}

/**
 * Kernels over a heap and a runner. `gemm` takes views into the heap directly; other
 * arrays go through a scratch copy.
 */
export function kernelsOver(setup: WasmKernelSetup, heap: SharedHeap, runner: GemmRunner): WasmKernels {
  const exports = runner.exports;
  let scratch = { ptr: 0, bytes: 0 };
  const scratchFor = (bytes: number): number => {
    if (bytes > scratch.bytes) {
      const size = Math.max(bytes, scratch.bytes * 2);
      scratch = { ptr: heap.reserve(size), bytes: size };
    }
    return scratch.ptr;
  };

  return {
    name: `wasm-${setup.flavour}${runner.threads > 1 ? `-${runner.threads}t` : ''}`,
    flavour: setup.flavour,
    threads: runner.threads,
    memory: setup.memory,
    allocate: (length) => heap.float32(length),
    close: () => runner.close?.(),
    axpby(n, a, x, b, y) {
      const px = heap.offsetOf(x), py = heap.offsetOf(y);
      if (px < 0 || py < 0 || n > x.length || n > y.length) referenceKernels.axpby!(n, a, x, b, y);
      else exports.axpby(n, a, px, b, py);
    },
    dot(n, x, y) {
      const px = heap.offsetOf(x), py = heap.offsetOf(y);
      if (px < 0 || py < 0 || n > x.length || n > y.length) return referenceKernels.dot!(n, x, y);
      return exports.dot(n, px, py);
    },
    sum(n, x) {
      const px = heap.offsetOf(x);
      if (px < 0 || n > x.length) return referenceKernels.sum!(n, x);
      return exports.sum(n, px);
    },
    fill(n, value, x) {
      const px = heap.offsetOf(x);
      if (px < 0 || n > x.length) referenceKernels.fill!(n, value, x);
      else exports.fill(n, value, px);
    },
    addRowVector(rows, cols, v, x) {
      const pv = heap.offsetOf(v), px = heap.offsetOf(x);
      if (pv < 0 || px < 0 || cols > v.length || rows * cols > x.length) referenceKernels.addRowVector!(rows, cols, v, x);
      else exports.add_row_vector(rows, cols, pv, px);
    },
    addColumnSums(rows, cols, x, out) {
      const px = heap.offsetOf(x), po = heap.offsetOf(out);
      if (px < 0 || po < 0 || rows * cols > x.length || cols > out.length) referenceKernels.addColumnSums!(rows, cols, x, out);
      else exports.add_column_sums(rows, cols, px, po);
    },
    gemm(transA, transB, m, n, k, alpha, a, b, beta, c) {
      if (m <= 0 || n <= 0) return;
      if (k <= 0 || !(a instanceof Float32Array) || !(b instanceof Float32Array) || !(c instanceof Float32Array)) {
        referenceKernels.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
        return;
      }
      let pa = heap.offsetOf(a);
      let pb = heap.offsetOf(b);
      let pc = heap.offsetOf(c);
      if (pa >= 0 && pb >= 0 && pc >= 0) {
        runner.run(transA, transB, m, n, k, alpha, pa, pb, beta, pc);
        return;
      }
      // Some operand lives outside our memory: copy all three through scratch.
      const sizeA = m * k, sizeB = k * n, sizeC = m * n;
      const base = scratchFor((sizeA + sizeB + sizeC) * 4 + 2 * ALIGN);
      pa = base;
      pb = pa + Math.ceil((sizeA * 4) / ALIGN) * ALIGN;
      pc = pb + Math.ceil((sizeB * 4) / ALIGN) * ALIGN;
      const view = new Float32Array(heap.buffer);
      view.set(a.subarray(0, sizeA), pa / 4);
      view.set(b.subarray(0, sizeB), pb / 4);
      if (beta !== 0) view.set(c.subarray(0, sizeC), pc / 4);
      runner.run(transA, transB, m, n, k, alpha, pa, pb, beta, pc);
      c.set(view.subarray(pc / 4, pc / 4 + sizeC));
    },
  };
}

/** Single-threaded WebAssembly SIMD kernels with their own shared memory. */
export async function createWasmKernels(options: WasmKernelsOptions = {}): Promise<WasmKernels> {
  return singleThreaded(await compileWasmKernels(options));
}

/** The same, compiled synchronously (workers and Node). */
export function createWasmKernelsSync(options: WasmKernelsOptions = {}): WasmKernels {
  return singleThreaded(compileWasmKernelsSync(options));
}

function singleThreaded(setup: WasmKernelSetup): WasmKernels {
  const heap = new SharedHeap(setup.memory, setup.shared);
  const work = heap.reserve(WORK_BYTES);
  return kernelsOver(setup, heap, new SingleThreadRunner(instantiateKernels(setup), work));
}

export { WORK_BYTES };
