/**
 * GEMM micro-benchmark: GFLOP/s of the WebAssembly kernels (and the native BLAS ones when
 * built) on the shapes training uses,
 * best single call over ~0.3 s (other processes only ever slow a call down).
 *   npm run bench:gemm [-- --threads 1,2]
 */
import { setFlagsFromString } from 'node:v8';
import type { Kernels } from '../src-shared/engine/kernels';
import { createNodeKernels } from '../src-main/kernels/node-kernels';

setFlagsFromString('--experimental-wasm-relaxed-simd');

interface Shape { label: string; transA: boolean; transB: boolean; m: number; n: number; k: number }

export const GEMM_SHAPES: Shape[] = [
  { label: 'X·W 256×3072 · 3072×100', transA: false, transB: false, m: 256, n: 100, k: 3072 },
  { label: 'X·W 256×3072 · 3072×512', transA: false, transB: false, m: 256, n: 512, k: 3072 },
  { label: 'Xᵀ·dY 3072×256 · 256×512', transA: true, transB: false, m: 3072, n: 512, k: 256 },
  { label: 'dY·Wᵀ 256×512 · 512×256', transA: false, transB: true, m: 256, n: 512, k: 256 },
  { label: 'X·W 256×3072 · 3072×10', transA: false, transB: false, m: 256, n: 10, k: 3072 },
  { label: 'Xᵀ·dY 3072×256 · 256×10', transA: true, transB: false, m: 3072, n: 10, k: 256 },
  { label: 'X·W 64×784 · 784×100', transA: false, transB: false, m: 64, n: 100, k: 784 },
];

export function gflops(kernels: Kernels, s: Shape, seconds = 0.3): number {
  const a = kernels.allocate(s.m * s.k), b = kernels.allocate(s.k * s.n), c = kernels.allocate(s.m * s.n);
  for (let i = 0; i < a.length; i++) a[i] = Math.random() - 0.5;
  for (let i = 0; i < b.length; i++) b[i] = Math.random() - 0.5;
  let best = Infinity;
  const start = performance.now();
  do {
    const t0 = performance.now();
    kernels.gemm(s.transA, s.transB, s.m, s.n, s.k, 1, a, b, 0, c);
    best = Math.min(best, performance.now() - t0);
  } while (performance.now() - start < seconds * 1000);
  return (2 * s.m * s.n * s.k) / (best / 1000) / 1e9;
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const at = process.argv.indexOf('--threads');
  const threadCounts = (at >= 0 ? process.argv[at + 1] : '1').split(',').map(Number);
  for (const flavor of ['simd', 'relaxed'] as const) {
    for (const threads of threadCounts) {
      const kernels = await createNodeKernels({ flavor, threads, native: false });
      for (const s of GEMM_SHAPES) console.log(`${kernels.name.padEnd(16)} ${s.label.padEnd(28)} ${gflops(kernels, s).toFixed(1)} GFLOP/s`);
      kernels.close();
    }
  }
  for (const threads of threadCounts) {
    const kernels = await createNodeKernels({ threads });
    if (kernels.path !== 'native') break;
    for (const s of GEMM_SHAPES) console.log(`${kernels.name.padEnd(16)} ${s.label.padEnd(28)} ${gflops(kernels, s).toFixed(1)} GFLOP/s`);
  }
}
