/**
 * Generates the WebAssembly kernels in src-shared/kernels/kernels-wasm.generated.ts, and the
 * same modules in WebAssembly text format next to it (kernels-simd.wat, kernels-relaxed.wat)
 * for reading and reviewing: wabt prints the text, and a test assembles it back to the
 * shipped bytes.
 *
 *   npm run gen:kernels-wasm
 *
 * One source, two modules: `simd` (f32x4.mul + f32x4.add) and `relaxed` (f32x4.relaxed_madd,
 * a fused multiply-add where the CPU has one). The GEMM follows Goto/BLIS: B is packed into
 * column panels NR wide (so all three training forms, X·W, dY·Wᵀ and Xᵀ·dY, read B the same
 * way, and no transpose is ever materialised), A is packed into MR-row panels when C is wide
 * enough to reuse them (else read in place: its rows or, transposed, its columns), and an
 * MR × NR register-blocked micro-kernel keeps the C tile in SIMD registers while it walks K.
 * Loops are tiled so a KC × NC block of packed B and an MC × KC block of A stay in the L2
 * cache. Vector kernels for the elementwise part of a training step follow the GEMM.
 *
 * Measured on V8 11.3 (Node 20), x64: TurboFan schedules all loads of an unrolled step
 * before its multiply-adds, so any tile whose accumulators + loads exceed the 15 allocatable
 * SIMD registers spills; 4 × 8 without unrolling reaches ~45 GFLOP/s on one core (≈ the
 * 128-bit FMA peak), 6 × 8 or unrolled variants fall to 15–25.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { FunctionBuilder, type Local, ModuleBuilder, Op, Simd } from './gen-wasm-assembler';

export interface GemmShape {
  /** rows of the micro-kernel's C tile */
  mr: number;
  /** columns of the C tile, in 4-float vectors */
  nrv: number;
  /** depth of one K block */
  kc: number;
  /** rows of one A block */
  mc: number;
  /** columns of one packed B block */
  nc: number;
  /** micro-kernel steps of p per loop iteration */
  unroll: number;
  /**
   * A is packed into MR-row panels (one pointer, contiguous reads) when C has at least
   * this many columns, so the packing is shared by enough micro-kernel calls to pay off.
   */
  packAMinN: number;
}

/**
 * Two families of the same algorithm: `wide` (4 × 8 tiles) for most products, `narrow`
 * (3 × 12 tiles) for C with at most 12 columns (the score layer's 10 classes), where 8-wide
 * tiles would waste a third of the work on padding. Each tile keeps its accumulators, the
 * B vectors and the A broadcasts of one step within the 15 SIMD registers V8 allocates on
 * x64 (V8 schedules a step's loads together, so deeper unrolling would spill).
 */
export const GEMM_SHAPES = {
  wide: { mr: 4, nrv: 2, kc: 256, mc: 128, nc: 384, unroll: 1, packAMinN: 32 },
  narrow: { mr: 3, nrv: 3, kc: 256, mc: 129, nc: 384, unroll: 1, packAMinN: 1 << 30 },
} satisfies Record<string, GemmShape>;

export type GemmFamily = keyof typeof GEMM_SHAPES;

/**
 * Without fused multiply-add every product needs a temporary register, so the plain-SIMD
 * module's narrow family uses 2 × 12 tiles to stay clear of spills.
 */
export const GEMM_SHAPES_PLAIN = {
  wide: GEMM_SHAPES.wide,
  narrow: { ...GEMM_SHAPES.narrow, mr: 2, mc: 128 },
} satisfies Record<GemmFamily, GemmShape>;

/** The narrow family serves products with C at most this wide. */
export const NARROW_MAX_N = 12;

/** Bytes at the start of each thread's work area for one C tile, before packed B and A. */
export const TILE_BYTES = 256;

/** Work area one thread needs: a C tile, a packed KC × NC block of B and an MC × KC block of A. */
export function workBytes(shapes: Record<string, GemmShape> = GEMM_SHAPES): number {
  return Math.max(...Object.values(shapes).map((s) => TILE_BYTES + s.kc * s.nc * 4 + s.mc * s.kc * 4));
}

/** Emits `for (i = start; i < end; i += step) body` */
function forRange(f: FunctionBuilder, i: Local, start: () => void, end: () => void, step: number | Local, body: () => void): void {
  start();
  f.set(i);
  f.block().loop();
  f.get(i); end(); f.op(Op.I32_GE_S).brIf(1);
  body();
  f.get(i);
  if (typeof step === 'number') f.i32(step); else f.get(step);
  f.op(Op.I32_ADD).set(i);
  f.br(0);
  f.end().end();
}

/** min(a, b) of two i32 values already computed by the callbacks. */
function minI32(f: FunctionBuilder, a: () => void, b: () => void): void {
  a(); b(); a(); b(); f.op(Op.I32_LT_S).op(Op.SELECT);
}

/**
 * The micro-kernel: C[mr × 4·nrv] (=|+=) alpha · A[mr × kc] · Bpanel[kc × 4·nrv].
 * `transA`: A(i, p) is at a + p·lda4 + 4i, else at a + i·lda4 + 4p. Bpanel is packed,
 * [kc × 4·nrv] contiguous. When nr < 4·nrv, only the first nr columns of C are written
 * (via the tile scratch). beta = 0 ignores C's old contents.
 */
function microKernel(m: ModuleBuilder, family: string, transA: boolean, mr: number, nrv: number, unroll: number, fma: boolean): FunctionBuilder {
  const f = m.func(`${family}_kernel_${transA ? 't' : 'n'}${mr}x${nrv * 4}`,
    ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'f32', 'f32', 'i32', 'i32'], [], false);
  const [kc, a, lda4, bp, c, ldc4, alpha, beta, nr, tile] = f.params;
  const acc: Local[][] = [];
  for (let r = 0; r < mr; r++) { acc.push([]); for (let v = 0; v < nrv; v++) acc[r].push(f.local('v128')); }
  const bv: Local[] = [];
  for (let v = 0; v < nrv; v++) bv.push(f.local('v128'));
  const av = f.local('v128');
  const count = f.local('i32');
  const rows: Local[] = [];
  if (!transA) {
    for (let r = 0; r < mr; r++) rows.push(r === 0 ? a : f.local('i32'));
    for (let r = 1; r < mr; r++) f.get(rows[r - 1]).get(lda4).op(Op.I32_ADD).set(rows[r]);
  }

  const multiplyAdd = (r: number, v: number) => {
    if (fma) {
      f.get(av).get(bv[v]).get(acc[r][v]).simd(Simd.F32X4_RELAXED_MADD).set(acc[r][v]);
    } else {
      f.get(acc[r][v]).get(av).get(bv[v]).simd(Simd.F32X4_MUL).simd(Simd.F32X4_ADD).set(acc[r][v]);
    }
  };
  /** One step of p, `u` steps into an unrolled group. */
  const step = (u: number) => {
    for (let v = 0; v < nrv; v++) f.get(bp).v128Load((u * nrv + v) * 16).set(bv[v]);
    for (let r = 0; r < mr; r++) {
      if (transA) f.get(a).v128LoadSplat32(r * 4).set(av);
      else f.get(rows[r]).v128LoadSplat32(u * 4).set(av);
      for (let v = 0; v < nrv; v++) multiplyAdd(r, v);
    }
    if (transA) f.get(a).get(lda4).op(Op.I32_ADD).set(a);
  };
  const loop = (unroll: number) => {
    f.block().loop();
    f.get(count).op(Op.I32_EQZ).brIf(1);
    for (let u = 0; u < unroll; u++) step(u);
    if (!transA) for (let r = 0; r < mr; r++) f.get(rows[r]).i32(unroll * 4).op(Op.I32_ADD).set(rows[r]);
    f.get(bp).i32(unroll * nrv * 16).op(Op.I32_ADD).set(bp);
    f.get(count).i32(1).op(Op.I32_SUB).set(count);
    f.br(0);
    f.end().end();
  };
  if (unroll > 1) {
    f.get(kc).i32(unroll).op(Op.I32_DIV_U).set(count);
    loop(unroll);
    f.get(kc).i32(unroll).op(Op.I32_REM_U).set(count);
  } else {
    f.get(kc).set(count);
  }
  loop(1);

  // scale by alpha
  const alphaV = bv[0];
  f.get(alpha).simd(Simd.F32X4_SPLAT).set(alphaV);
  for (let r = 0; r < mr; r++) for (let v = 0; v < nrv; v++) {
    f.get(acc[r][v]).get(alphaV).simd(Simd.F32X4_MUL).set(acc[r][v]);
  }
  const cRow = f.local('i32');
  const betaV = av;
  // full tile: write C directly
  f.get(nr).i32(nrv * 4).op(Op.I32_EQ).if();
  {
    f.get(beta).f32(0).op(Op.F32_EQ).if();
    f.get(c).set(cRow);
    for (let r = 0; r < mr; r++) {
      for (let v = 0; v < nrv; v++) f.get(cRow).get(acc[r][v]).v128Store(v * 16);
      if (r < mr - 1) f.get(cRow).get(ldc4).op(Op.I32_ADD).set(cRow);
    }
    f.else();
    f.get(beta).simd(Simd.F32X4_SPLAT).set(betaV);
    f.get(c).set(cRow);
    for (let r = 0; r < mr; r++) {
      for (let v = 0; v < nrv; v++) {
        f.get(cRow);
        if (fma) f.get(cRow).v128Load(v * 16).get(betaV).get(acc[r][v]).simd(Simd.F32X4_RELAXED_MADD);
        else f.get(cRow).v128Load(v * 16).get(betaV).simd(Simd.F32X4_MUL).get(acc[r][v]).simd(Simd.F32X4_ADD);
        f.v128Store(v * 16);
      }
      if (r < mr - 1) f.get(cRow).get(ldc4).op(Op.I32_ADD).set(cRow);
    }
    f.end();
  }
  f.else();
  {
    // partial tile: through the tile scratch, then nr columns into C
    for (let r = 0; r < mr; r++) for (let v = 0; v < nrv; v++) f.get(tile).get(acc[r][v]).v128Store((r * nrv + v) * 16);
    const j = count;
    const value = f.local('f32');
    f.get(c).set(cRow);
    for (let r = 0; r < mr; r++) {
      forRange(f, j, () => f.i32(0), () => f.get(nr), 1, () => {
        f.get(tile).get(j).i32(2).op(Op.I32_SHL).op(Op.I32_ADD).f32Load(r * nrv * 16).set(value);
        f.get(cRow).get(j).i32(2).op(Op.I32_SHL).op(Op.I32_ADD);
        f.get(beta).f32(0).op(Op.F32_NE).if();
        f.get(value);
        f.get(cRow).get(j).i32(2).op(Op.I32_SHL).op(Op.I32_ADD).f32Load().get(beta).op(Op.F32_MUL);
        f.op(Op.F32_ADD).set(value);
        f.end();
        f.get(value).f32Store();
      });
      if (r < mr - 1) f.get(cRow).get(ldc4).op(Op.I32_ADD).set(cRow);
    }
  }
  f.end();
  return f;
}

/**
 * Packs B[pc .. pc+kc, jc .. jc+nc] (op(B), so Bᵀ read when transB) into column panels:
 * panel q holds columns q·NR .. q·NR+w as [kc × w] contiguous, w = NR, or the last panel's
 * width rounded up to 4 with zero padding. Panel q starts at dst + q·NR·kc·4.
 */
function packB(m: ModuleBuilder, family: string, nrv: number): FunctionBuilder {
  const NR = nrv * 4;
  const f = m.func(`${family}_pack_b`, ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], [], false);
  const [tb, b, ldb, pc, kc, jc, nc, dst] = f.params;
  const jr = f.local('i32'); const nr = f.local('i32'); const w = f.local('i32');
  const panel = f.local('i32'); const src = f.local('i32'); const p = f.local('i32'); const j = f.local('i32');
  const stepP = f.local('i32'); const stepJ = f.local('i32'); const out = f.local('i32');
  const rowsJ: Local[] = []; for (let q = 0; q < NR; q++) rowsJ.push(f.local('v128'));
  const t: Local[] = []; for (let q = 0; q < 4; q++) t.push(f.local('v128'));
  const kc4 = f.local('i32');

  // strides through op(B): along p and along j, in bytes
  f.get(tb).if();
  f.i32(4).set(stepP); f.get(ldb).i32(2).op(Op.I32_SHL).set(stepJ);
  f.else();
  f.get(ldb).i32(2).op(Op.I32_SHL).set(stepP); f.i32(4).set(stepJ);
  f.end();
  f.get(kc).i32(-4).op(Op.I32_AND).set(kc4);

  forRange(f, jr, () => f.i32(0), () => f.get(nc), NR, () => {
    minI32(f, () => f.i32(NR), () => f.get(nc).get(jr).op(Op.I32_SUB));
    f.set(nr);
    // width: nr rounded up to a multiple of 4
    f.get(nr).i32(3).op(Op.I32_ADD).i32(-4).op(Op.I32_AND).set(w);
    f.get(dst).get(jr).get(kc).op(Op.I32_MUL).i32(2).op(Op.I32_SHL).op(Op.I32_ADD).set(panel);
    // src = &op(B)[pc, jc + jr]
    f.get(b).get(pc).get(stepP).op(Op.I32_MUL).op(Op.I32_ADD)
      .get(jc).get(jr).op(Op.I32_ADD).get(stepJ).op(Op.I32_MUL).op(Op.I32_ADD).set(src);

    const copyVectors = (vectors: number) => {
      // B not transposed, full width: rows of B are contiguous
      forRange(f, p, () => f.i32(0), () => f.get(kc), 1, () => {
        for (let v = 0; v < vectors; v++) f.get(panel).get(src).v128Load(v * 16).v128Store(v * 16);
        f.get(panel).i32(vectors * 16).op(Op.I32_ADD).set(panel);
        f.get(src).get(stepP).op(Op.I32_ADD).set(src);
      });
    };
    const transposeVectors = (vectors: number) => {
      // Bᵀ stored, full width: 4×4 transposes of 4 p by 4 j
      forRange(f, p, () => f.i32(0), () => f.get(kc4), 4, () => {
        f.get(src).set(out);
        for (let q = 0; q < vectors * 4; q++) {
          f.get(out).v128Load().set(rowsJ[q]);
          f.get(out).get(stepJ).op(Op.I32_ADD).set(out);
        }
        for (let v = 0; v < vectors; v++) {
          const r = rowsJ.slice(v * 4, v * 4 + 4);
          f.get(r[0]).get(r[1]).shuffleF32([0, 4, 1, 5]).set(t[0]);
          f.get(r[0]).get(r[1]).shuffleF32([2, 6, 3, 7]).set(t[1]);
          f.get(r[2]).get(r[3]).shuffleF32([0, 4, 1, 5]).set(t[2]);
          f.get(r[2]).get(r[3]).shuffleF32([2, 6, 3, 7]).set(t[3]);
          f.get(panel).get(t[0]).get(t[2]).shuffleF32([0, 1, 4, 5]).v128Store((0 * vectors + v) * 16);
          f.get(panel).get(t[0]).get(t[2]).shuffleF32([2, 3, 6, 7]).v128Store((1 * vectors + v) * 16);
          f.get(panel).get(t[1]).get(t[3]).shuffleF32([0, 1, 4, 5]).v128Store((2 * vectors + v) * 16);
          f.get(panel).get(t[1]).get(t[3]).shuffleF32([2, 3, 6, 7]).v128Store((3 * vectors + v) * 16);
        }
        f.get(panel).i32(vectors * 64).op(Op.I32_ADD).set(panel);
        f.get(src).i32(16).op(Op.I32_ADD).set(src);
      });
      // remaining p (kc not a multiple of 4), element by element
      forRange(f, p, () => f.get(kc4), () => f.get(kc), 1, () => {
        f.get(src).set(out);
        for (let q = 0; q < vectors * 4; q++) {
          f.get(panel).get(out).f32Load().f32Store(q * 4);
          f.get(out).get(stepJ).op(Op.I32_ADD).set(out);
        }
        f.get(panel).i32(vectors * 16).op(Op.I32_ADD).set(panel);
        f.get(src).i32(4).op(Op.I32_ADD).set(src);
      });
    };
    const generic = () => {
      // partial panel: element by element, zero beyond nr
      forRange(f, p, () => f.i32(0), () => f.get(kc), 1, () => {
        forRange(f, j, () => f.i32(0), () => f.get(w), 1, () => {
          f.get(panel).get(j).i32(2).op(Op.I32_SHL).op(Op.I32_ADD);
          f.get(src).get(j).get(stepJ).op(Op.I32_MUL).op(Op.I32_ADD).f32Load();
          f.f32(0);
          f.get(j).get(nr).op(Op.I32_LT_S).op(Op.SELECT);
          f.f32Store();
        });
        f.get(panel).get(w).i32(2).op(Op.I32_SHL).op(Op.I32_ADD).set(panel);
        f.get(src).get(stepP).op(Op.I32_ADD).set(src);
      });
    };

    f.get(nr).get(w).op(Op.I32_NE).if();
    generic();
    f.else();
    // full width w = 4·vectors
    const byWidth = (action: (vectors: number) => void) => {
      for (let vectors = nrv; vectors >= 1; vectors--) {
        if (vectors > 1) { f.get(w).i32(vectors * 4).op(Op.I32_EQ).if(); action(vectors); f.else(); }
        else action(1);
      }
      for (let vectors = nrv; vectors > 1; vectors--) f.end();
    };
    f.get(tb).if();
    byWidth(transposeVectors);
    f.else();
    byWidth(copyVectors);
    f.end();
    f.end();
  });
  return f;
}

/**
 * Packs op(A)[i0 .. i0+mc, pc .. pc+kc] into MR-row panels: panel q holds rows
 * q·MR .. q·MR+MR as [kc × MR] (p-major, so one step of the micro-kernel reads MR
 * consecutive floats), the last panel possibly with fewer rows (never read beyond them).
 * Panel q starts at dst + q·MR·kc·4, i.e. at dst + ir·kc·4 for its first row ir.
 */
function packA(m: ModuleBuilder, family: string, MR: number): FunctionBuilder {
  const f = m.func(`${family}_pack_a`, ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], [], false);
  const [ta, a, lda, i0, mc, pc, kc, dst] = f.params;
  const ir = f.local('i32'); const mr = f.local('i32'); const panel = f.local('i32'); const src = f.local('i32');
  const p = f.local('i32'); const r = f.local('i32'); const stepP = f.local('i32'); const stepI = f.local('i32');
  const kc4 = f.local('i32'); const row = f.local('i32');
  const rows: Local[] = []; for (let q = 0; q < 4; q++) rows.push(f.local('v128'));
  const t: Local[] = []; for (let q = 0; q < 4; q++) t.push(f.local('v128'));

  // strides through op(A) in bytes: along p (depth) and along i (rows)
  f.get(ta).if();
  f.get(lda).i32(2).op(Op.I32_SHL).set(stepP); f.i32(4).set(stepI);
  f.else();
  f.i32(4).set(stepP); f.get(lda).i32(2).op(Op.I32_SHL).set(stepI);
  f.end();
  f.get(kc).i32(-4).op(Op.I32_AND).set(kc4);

  forRange(f, ir, () => f.i32(0), () => f.get(mc), MR, () => {
    minI32(f, () => f.i32(MR), () => f.get(mc).get(ir).op(Op.I32_SUB)); f.set(mr);
    f.get(dst).get(ir).get(kc).op(Op.I32_MUL).i32(2).op(Op.I32_SHL).op(Op.I32_ADD).set(panel);
    // src = &op(A)[i0 + ir, pc]
    f.get(a).get(i0).get(ir).op(Op.I32_ADD).get(stepI).op(Op.I32_MUL).op(Op.I32_ADD)
      .get(pc).get(stepP).op(Op.I32_MUL).op(Op.I32_ADD).set(src);
    const generic = () => {
      forRange(f, p, () => f.i32(0), () => f.get(kc), 1, () => {
        f.get(src).set(row);
        forRange(f, r, () => f.i32(0), () => f.get(mr), 1, () => {
          f.get(panel).get(r).i32(2).op(Op.I32_SHL).op(Op.I32_ADD).get(row).f32Load().f32Store();
          f.get(row).get(stepI).op(Op.I32_ADD).set(row);
        });
        f.get(panel).i32(MR * 4).op(Op.I32_ADD).set(panel);
        f.get(src).get(stepP).op(Op.I32_ADD).set(src);
      });
    };
    if (MR !== 4) {
      generic();
    } else {
      f.get(mr).i32(4).op(Op.I32_NE).if();
      generic();
      f.else();
      f.get(ta).if();
      // Aᵀ stored: the 4 rows of one step are contiguous
      forRange(f, p, () => f.i32(0), () => f.get(kc), 1, () => {
        f.get(panel).get(src).v128Load().v128Store();
        f.get(panel).i32(16).op(Op.I32_ADD).set(panel);
        f.get(src).get(stepP).op(Op.I32_ADD).set(src);
      });
      f.else();
      // A stored: 4×4 transposes of 4 rows by 4 steps
      forRange(f, p, () => f.i32(0), () => f.get(kc4), 4, () => {
        f.get(src).set(row);
        for (let q = 0; q < 4; q++) {
          f.get(row).v128Load().set(rows[q]);
          if (q < 3) f.get(row).get(stepI).op(Op.I32_ADD).set(row);
        }
        f.get(rows[0]).get(rows[1]).shuffleF32([0, 4, 1, 5]).set(t[0]);
        f.get(rows[0]).get(rows[1]).shuffleF32([2, 6, 3, 7]).set(t[1]);
        f.get(rows[2]).get(rows[3]).shuffleF32([0, 4, 1, 5]).set(t[2]);
        f.get(rows[2]).get(rows[3]).shuffleF32([2, 6, 3, 7]).set(t[3]);
        f.get(panel).get(t[0]).get(t[2]).shuffleF32([0, 1, 4, 5]).v128Store(0);
        f.get(panel).get(t[0]).get(t[2]).shuffleF32([2, 3, 6, 7]).v128Store(16);
        f.get(panel).get(t[1]).get(t[3]).shuffleF32([0, 1, 4, 5]).v128Store(32);
        f.get(panel).get(t[1]).get(t[3]).shuffleF32([2, 3, 6, 7]).v128Store(48);
        f.get(panel).i32(64).op(Op.I32_ADD).set(panel);
        f.get(src).i32(16).op(Op.I32_ADD).set(src);
      });
      forRange(f, p, () => f.get(kc4), () => f.get(kc), 1, () => {
        f.get(src).set(row);
        for (let q = 0; q < 4; q++) {
          f.get(panel).get(row).f32Load().f32Store(q * 4);
          if (q < 3) f.get(row).get(stepI).op(Op.I32_ADD).set(row);
        }
        f.get(panel).i32(16).op(Op.I32_ADD).set(panel);
        f.get(src).i32(4).op(Op.I32_ADD).set(src);
      });
      f.end();
      f.end();
    }
  });
  return f;
}

/**
 * gemm_<family>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, work):
 * C = alpha · op(A) · op(B) + beta · C with explicit leading dimensions (floats), byte
 * pointers, and a per-thread work area of `workBytes()` bytes. m, n, k ≥ 1.
 */
function gemm(
  m: ModuleBuilder, family: string, shape: GemmShape, kernels: Map<string, FunctionBuilder>,
  pack: FunctionBuilder, packAFn: FunctionBuilder,
): FunctionBuilder {
  const { mr: MR, nrv: NRV, kc: KC, mc: MC, nc: NC } = shape;
  const NR = NRV * 4;
  const f = m.func(`gemm_${family}`, ['i32', 'i32', 'i32', 'i32', 'i32', 'f32', 'i32', 'i32', 'i32', 'i32', 'f32', 'i32', 'i32', 'i32'], [], true);
  const [ta, tb, M, N, K, alpha, a, lda, b, ldb, beta, c, ldc, work] = f.params;
  const jc = f.local('i32'); const nc = f.local('i32'); const pc = f.local('i32'); const kc = f.local('i32');
  const ic = f.local('i32'); const mc = f.local('i32'); const jr = f.local('i32'); const nr = f.local('i32');
  const ir = f.local('i32'); const mr = f.local('i32'); const i = f.local('i32');
  const betaEff = f.local('f32'); const packed = f.local('i32'); const panel = f.local('i32'); const nrv = f.local('i32');
  const aPtr = f.local('i32'); const cPtr = f.local('i32'); const lda4 = f.local('i32'); const ldc4 = f.local('i32');
  const packedA = f.local('i32'); const useT = f.local('i32'); const aStep4 = f.local('i32'); const doPackA = f.local('i32');

  f.get(work).i32(TILE_BYTES).op(Op.I32_ADD).set(packed);
  f.get(packed).i32(KC * NC * 4).op(Op.I32_ADD).set(packedA);
  f.get(lda).i32(2).op(Op.I32_SHL).set(lda4);
  f.get(ldc).i32(2).op(Op.I32_SHL).set(ldc4);
  f.get(N).i32(shape.packAMinN).op(Op.I32_GE_S).set(doPackA);
  // packed A panels are read like a transposed A with leading dimension MR
  f.get(doPackA).get(ta).op(Op.I32_OR).set(useT);
  f.i32(MR * 4).get(lda4).get(doPackA).op(Op.SELECT).set(aStep4);

  forRange(f, jc, () => f.i32(0), () => f.get(N), NC, () => {
    minI32(f, () => f.i32(NC), () => f.get(N).get(jc).op(Op.I32_SUB)); f.set(nc);
    forRange(f, pc, () => f.i32(0), () => f.get(K), KC, () => {
      minI32(f, () => f.i32(KC), () => f.get(K).get(pc).op(Op.I32_SUB)); f.set(kc);
      f.get(beta).f32(1).get(pc).op(Op.I32_EQZ).op(Op.SELECT).set(betaEff);
      f.get(tb).get(b).get(ldb).get(pc).get(kc).get(jc).get(nc).get(packed).call(pack);
      forRange(f, ic, () => f.i32(0), () => f.get(M), MC, () => {
        minI32(f, () => f.i32(MC), () => f.get(M).get(ic).op(Op.I32_SUB)); f.set(mc);
        f.get(doPackA).if();
        f.get(ta).get(a).get(lda).get(ic).get(mc).get(pc).get(kc).get(packedA).call(packAFn);
        f.end();
        forRange(f, jr, () => f.i32(0), () => f.get(nc), NR, () => {
          minI32(f, () => f.i32(NR), () => f.get(nc).get(jr).op(Op.I32_SUB)); f.set(nr);
          // vectors in this panel: ceil(nr / 4)
          f.get(nr).i32(3).op(Op.I32_ADD).i32(2).op(Op.I32_SHR_U).set(nrv);
          f.get(packed).get(jr).get(kc).op(Op.I32_MUL).i32(2).op(Op.I32_SHL).op(Op.I32_ADD).set(panel);
          forRange(f, ir, () => f.i32(0), () => f.get(mc), MR, () => {
            minI32(f, () => f.i32(MR), () => f.get(mc).get(ir).op(Op.I32_SUB)); f.set(mr);
            f.get(ic).get(ir).op(Op.I32_ADD).set(i);
            // aPtr = the packed panel, or &op(A)[i, pc]
            f.get(doPackA).if();
            f.get(packedA).get(ir).get(kc).op(Op.I32_MUL).i32(2).op(Op.I32_SHL).op(Op.I32_ADD).set(aPtr);
            f.else();
            f.get(ta).if();
            f.get(a).get(pc).get(lda).op(Op.I32_MUL).get(i).op(Op.I32_ADD).i32(2).op(Op.I32_SHL).op(Op.I32_ADD).set(aPtr);
            f.else();
            f.get(a).get(i).get(lda).op(Op.I32_MUL).get(pc).op(Op.I32_ADD).i32(2).op(Op.I32_SHL).op(Op.I32_ADD).set(aPtr);
            f.end();
            f.end();
            f.get(c).get(i).get(ldc).op(Op.I32_MUL).get(jc).op(Op.I32_ADD).get(jr).op(Op.I32_ADD)
              .i32(2).op(Op.I32_SHL).op(Op.I32_ADD).set(cPtr);
            const args = () => f.get(kc).get(aPtr).get(aStep4).get(panel).get(cPtr).get(ldc4)
              .get(alpha).get(betaEff).get(nr).get(work);
            // dispatch on (A layout, vectors, rows); the full-tile case comes first
            for (const trans of [true, false]) {
              if (trans) f.get(useT).if(); else f.else();
              for (let v = NRV; v >= 1; v--) {
                if (v > 1) f.get(nrv).i32(v).op(Op.I32_EQ).if();
                for (let r = MR; r >= 1; r--) {
                  if (r > 1) f.get(mr).i32(r).op(Op.I32_EQ).if();
                  args(); f.call(kernels.get(`${trans ? 't' : 'n'}${r}x${v}`)!);
                  if (r > 1) f.else();
                }
                for (let r = MR; r > 1; r--) f.end();
                if (v > 1) f.else();
              }
              for (let v = NRV; v > 1; v--) f.end();
            }
            f.end();
          });
        });
      });
    });
  });
  return f;
}

/**
 * Vector kernels over whole parameter arrays (n floats, byte pointers), for the
 * elementwise part of a training step:
 *   axpby(n, a, x, b, y):  y ← a·x + b·y
 *   dot(n, x, y) → f64:    Σ x·y, accumulated in float64 (a loss is reported from it)
 *   sum(n, x) → f64:       Σ x, accumulated in float64 (finiteness checks)
 *   fill(n, value, x):     x ← value (zeroing gradients)
 * and over a row-major matrix x [rows × cols]:
 *   add_row_vector(rows, cols, v, x):   x[i, j] += v[j]         (adding biases)
 *   add_column_sums(rows, cols, x, out): out[j] += Σ_i x[i, j]  (bias gradients)
 * and the ReLU pair relu(n, z, a), relu_backward(n, z, da, dz).
 */
function vectorKernels(m: ModuleBuilder, fma: boolean): void {
  {
    const f = m.func('axpby', ['i32', 'f32', 'i32', 'f32', 'i32'], [], true);
    const [n, alpha, x, beta, y] = f.params;
    const av = f.local('v128'); const bv = f.local('v128'); const end = f.local('i32'); const i = f.local('i32');
    f.get(alpha).simd(Simd.F32X4_SPLAT).set(av);
    f.get(beta).simd(Simd.F32X4_SPLAT).set(bv);
    f.get(n).i32(-4).op(Op.I32_AND).i32(2).op(Op.I32_SHL).set(end);
    forRange(f, i, () => f.i32(0), () => f.get(end), 16, () => {
      f.get(y).get(i).op(Op.I32_ADD);
      if (fma) {
        f.get(x).get(i).op(Op.I32_ADD).v128Load().get(av)
          .get(y).get(i).op(Op.I32_ADD).v128Load().get(bv).simd(Simd.F32X4_MUL)
          .simd(Simd.F32X4_RELAXED_MADD);
      } else {
        f.get(x).get(i).op(Op.I32_ADD).v128Load().get(av).simd(Simd.F32X4_MUL)
          .get(y).get(i).op(Op.I32_ADD).v128Load().get(bv).simd(Simd.F32X4_MUL)
          .simd(Simd.F32X4_ADD);
      }
      f.v128Store();
    });
    forRange(f, i, () => f.get(end), () => f.get(n).i32(2).op(Op.I32_SHL), 4, () => {
      f.get(y).get(i).op(Op.I32_ADD);
      f.get(x).get(i).op(Op.I32_ADD).f32Load().get(alpha).op(Op.F32_MUL)
        .get(y).get(i).op(Op.I32_ADD).f32Load().get(beta).op(Op.F32_MUL).op(Op.F32_ADD);
      f.f32Store();
    });
  }
  const reduction = (name: string, product: boolean) => {
    const f = m.func(name, product ? ['i32', 'i32', 'i32'] : ['i32', 'i32'], ['f64'], true);
    const [n, x] = f.params;
    const y = product ? f.params[2] : null;
    // two float64x2 accumulators: lanes 0–1 and 2–3 of each float32x4
    const lo = f.local('v128'); const hi = f.local('v128'); const xv = f.local('v128'); const yv = f.local('v128');
    const end = f.local('i32'); const i = f.local('i32'); const tail = f.local('f64');
    const low = (v: Local) => f.get(v).simd(Simd.F64X2_PROMOTE_LOW_F32X4);
    const high = (v: Local) => f.get(v).get(v).shuffleF32([2, 3, 2, 3]).simd(Simd.F64X2_PROMOTE_LOW_F32X4);
    f.get(n).i32(-4).op(Op.I32_AND).i32(2).op(Op.I32_SHL).set(end);
    forRange(f, i, () => f.i32(0), () => f.get(end), 16, () => {
      f.get(x).get(i).op(Op.I32_ADD).v128Load().set(xv);
      if (y) {
        f.get(y).get(i).op(Op.I32_ADD).v128Load().set(yv);
        f.get(lo); low(xv); low(yv); f.simd(Simd.F64X2_MUL).simd(Simd.F64X2_ADD).set(lo);
        f.get(hi); high(xv); high(yv); f.simd(Simd.F64X2_MUL).simd(Simd.F64X2_ADD).set(hi);
      } else {
        f.get(lo); low(xv); f.simd(Simd.F64X2_ADD).set(lo);
        f.get(hi); high(xv); f.simd(Simd.F64X2_ADD).set(hi);
      }
    });
    forRange(f, i, () => f.get(end), () => f.get(n).i32(2).op(Op.I32_SHL), 4, () => {
      f.get(tail).get(x).get(i).op(Op.I32_ADD).f32Load().op(Op.F64_PROMOTE_F32);
      if (y) f.get(y).get(i).op(Op.I32_ADD).f32Load().op(Op.F64_PROMOTE_F32).op(Op.F64_MUL);
      f.op(Op.F64_ADD).set(tail);
    });
    f.get(lo).get(hi).simd(Simd.F64X2_ADD).set(lo);
    f.get(lo).simd(Simd.F64X2_EXTRACT_LANE).code.push(0);
    f.get(lo).simd(Simd.F64X2_EXTRACT_LANE).code.push(1);
    f.op(Op.F64_ADD).get(tail).op(Op.F64_ADD);
  };
  reduction('dot', true);
  reduction('sum', false);

  /** Emits `for (j = 0; j < cols; j += 4 when possible, then 1) body(j, vector?)` in bytes. */
  const overColumns = (f: FunctionBuilder, cols: Local, j: Local, end: Local, body: (vector: boolean) => void) => {
    f.get(cols).i32(-4).op(Op.I32_AND).i32(2).op(Op.I32_SHL).set(end);
    forRange(f, j, () => f.i32(0), () => f.get(end), 16, () => body(true));
    forRange(f, j, () => f.get(end), () => f.get(cols).i32(2).op(Op.I32_SHL), 4, () => body(false));
  };
  {
    // fill(n, value, x): x ← value
    const f = m.func('fill', ['i32', 'f32', 'i32'], [], true);
    const [n, value, x] = f.params;
    const v = f.local('v128'); const j = f.local('i32'); const end = f.local('i32');
    f.get(value).simd(Simd.F32X4_SPLAT).set(v);
    overColumns(f, n, j, end, (vector) => {
      f.get(x).get(j).op(Op.I32_ADD);
      if (vector) f.get(v).v128Store(); else f.get(value).f32Store();
    });
  }
  {
    // add_row_vector(rows, cols, v, x): x[i, j] += v[j]  (bias into pre-activations)
    const f = m.func('add_row_vector', ['i32', 'i32', 'i32', 'i32'], [], true);
    const [rows, cols, v, x] = f.params;
    const i = f.local('i32'); const j = f.local('i32'); const end = f.local('i32'); const row = f.local('i32');
    f.get(x).set(row);
    forRange(f, i, () => f.i32(0), () => f.get(rows), 1, () => {
      overColumns(f, cols, j, end, (vector) => {
        f.get(row).get(j).op(Op.I32_ADD);
        if (vector) f.get(row).get(j).op(Op.I32_ADD).v128Load().get(v).get(j).op(Op.I32_ADD).v128Load().simd(Simd.F32X4_ADD).v128Store();
        else f.get(row).get(j).op(Op.I32_ADD).f32Load().get(v).get(j).op(Op.I32_ADD).f32Load().op(Op.F32_ADD).f32Store();
      });
      f.get(row).get(cols).i32(2).op(Op.I32_SHL).op(Op.I32_ADD).set(row);
    });
  }
  {
    // relu(n, z, a): a ← max(z, 0)  (NaN stays NaN, −0 becomes +0, as Math.max(0, z))
    const f = m.func('relu', ['i32', 'i32', 'i32'], [], true);
    const [n, z, a] = f.params;
    const zero = f.local('v128'); const j = f.local('i32'); const end = f.local('i32');
    overColumns(f, n, j, end, (vector) => {
      f.get(a).get(j).op(Op.I32_ADD);
      if (vector) f.get(z).get(j).op(Op.I32_ADD).v128Load().get(zero).simd(Simd.F32X4_MAX).v128Store();
      else f.get(z).get(j).op(Op.I32_ADD).f32Load().f32(0).op(Op.F32_MAX).f32Store();
    });
  }
  {
    // relu_backward(n, z, da, dz): dz ← da where z > 0, else 0
    const f = m.func('relu_backward', ['i32', 'i32', 'i32', 'i32'], [], true);
    const [n, z, da, dz] = f.params;
    const zero = f.local('v128'); const j = f.local('i32'); const end = f.local('i32');
    overColumns(f, n, j, end, (vector) => {
      f.get(dz).get(j).op(Op.I32_ADD);
      if (vector) {
        f.get(da).get(j).op(Op.I32_ADD).v128Load()
          .get(z).get(j).op(Op.I32_ADD).v128Load().get(zero).simd(Simd.F32X4_GT)
          .simd(Simd.V128_AND);
      } else {
        f.get(da).get(j).op(Op.I32_ADD).f32Load().f32(0)
          .get(z).get(j).op(Op.I32_ADD).f32Load().f32(0).op(Op.F32_GT)
          .op(Op.SELECT);
      }
      if (vector) f.v128Store(); else f.f32Store();
    });
  }
  {
    // add_column_sums(rows, cols, x, out): out[j] += Σ_i x[i, j]  (bias gradient)
    const f = m.func('add_column_sums', ['i32', 'i32', 'i32', 'i32'], [], true);
    const [rows, cols, x, out] = f.params;
    const i = f.local('i32'); const j = f.local('i32'); const end = f.local('i32'); const row = f.local('i32');
    f.get(x).set(row);
    forRange(f, i, () => f.i32(0), () => f.get(rows), 1, () => {
      overColumns(f, cols, j, end, (vector) => {
        f.get(out).get(j).op(Op.I32_ADD);
        if (vector) f.get(out).get(j).op(Op.I32_ADD).v128Load().get(row).get(j).op(Op.I32_ADD).v128Load().simd(Simd.F32X4_ADD).v128Store();
        else f.get(out).get(j).op(Op.I32_ADD).f32Load().get(row).get(j).op(Op.I32_ADD).f32Load().op(Op.F32_ADD).f32Store();
      });
      f.get(row).get(cols).i32(2).op(Op.I32_SHL).op(Op.I32_ADD).set(row);
    });
  }
}

export interface KernelModules {
  /** plain WebAssembly SIMD */
  simd: Uint8Array;
  /** relaxed SIMD: fused multiply-add */
  relaxed: Uint8Array;
}

export function buildKernelModule(fma: boolean, shapes: Record<string, GemmShape> = GEMM_SHAPES): Uint8Array {
  const m = new ModuleBuilder({ initial: 1, maximum: 65536 });
  for (const [family, shape] of Object.entries(shapes)) {
    const kernels = new Map<string, FunctionBuilder>();
    const pack = packB(m, family, shape.nrv);
    const packAFn = packA(m, family, shape.mr);
    for (const trans of [true, false]) {
      for (let v = 1; v <= shape.nrv; v++) {
        for (let r = 1; r <= shape.mr; r++) {
          kernels.set(`${trans ? 't' : 'n'}${r}x${v}`, microKernel(m, family, trans, r, v, shape.unroll, fma));
        }
      }
    }
    gemm(m, family, shape, kernels, pack, packAFn);
  }
  vectorKernels(m, fma);
  return m.encode();
}

export function buildKernelModules(): KernelModules {
  return { simd: buildKernelModule(false, GEMM_SHAPES_PLAIN), relaxed: buildKernelModule(true, GEMM_SHAPES) };
}

/** Byte offset of the memory import's limits flags (0x03: shared with maximum), found in `bytes`. */
export function memoryFlagsOffset(bytes: Uint8Array): number {
  const pattern = [3, ...new TextEncoder().encode('env'), 6, ...new TextEncoder().encode('memory'), 0x02, 0x03];
  for (let i = 0; i + pattern.length <= bytes.length; i++) {
    if (pattern.every((b, j) => bytes[i + j] === b)) return i + pattern.length - 1;
  }
  throw new Error('memory import not found');
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The TypeScript module that carries the generated wasm, as committed. */
export function generatedSource(): string {
  const { simd, relaxed } = buildKernelModules();
  const lines = [
    '// Generated by scripts/gen-kernels-wasm.ts (npm run gen:kernels-wasm). Do not edit.',
    '',
    `/** Bytes of work area each thread needs (a C tile, packed blocks of B and A). */`,
    `export const WORK_BYTES = ${Math.max(workBytes(GEMM_SHAPES), workBytes(GEMM_SHAPES_PLAIN))};`,
    '',
    `/** Block sizes of the two gemm families (gemm_wide, gemm_narrow) in the relaxed module. */`,
    `export const GEMM_SHAPES = ${JSON.stringify(GEMM_SHAPES)} as const;`,
    '',
    `/** The same in the plain-SIMD module. */`,
    `export const GEMM_SHAPES_PLAIN = ${JSON.stringify(GEMM_SHAPES_PLAIN)} as const;`,
    '',
    `/**`,
    ` * Where each module's memory import says "shared" (0x03); writing 0x01 there gives the`,
    ` * same module over an unshared memory, for renderers without cross-origin isolation.`,
    ` */`,
    `export const MEMORY_FLAGS_OFFSET = { simd: ${memoryFlagsOffset(simd)}, relaxed: ${memoryFlagsOffset(relaxed)} } as const;`,
    '',
    `/** gemm_narrow serves products whose C has at most this many columns. */`,
    `export const NARROW_MAX_N = ${NARROW_MAX_N};`,
    '',
    '/** Plain WebAssembly SIMD (f32x4.mul + f32x4.add), base64. */',
    `export const SIMD_WASM_BASE64 =\n  '${base64(simd)}';`,
    '',
    '/** Relaxed SIMD (f32x4.relaxed_madd), base64. */',
    `export const RELAXED_WASM_BASE64 =\n  '${base64(relaxed)}';`,
    '',
  ];
  return lines.join('\n');
}

export const GENERATED_PATH = new URL('../src-shared/kernels/kernels-wasm.generated.ts', import.meta.url);

/** The text files, one per module. */
export const WAT_PATHS = {
  simd: new URL('../src-shared/kernels/kernels-simd.wat', import.meta.url),
  relaxed: new URL('../src-shared/kernels/kernels-relaxed.wat', import.meta.url),
} as const;

/** What the modules use beyond WebAssembly 1.0 (shared memory is `threads`). */
export const WASM_FEATURES = { simd: true, relaxed_simd: true, threads: true, bulk_memory: true } as const;

/** Both modules in WebAssembly text format, printed by wabt (names made from the exports). */
export async function kernelsText(): Promise<Record<keyof typeof WAT_PATHS, string>> {
  const wabt = await wabtInit();
  const text = (bytes: Uint8Array) => {
    const module = wabt.readWasm(bytes, { readDebugNames: false, ...WASM_FEATURES });
    try {
      module.generateNames();
      module.applyNames();
      return module.toText({ foldExprs: false, inlineExport: false });
    } finally {
      module.destroy();
    }
  };
  const { simd, relaxed } = buildKernelModules();
  return { simd: text(simd), relaxed: text(relaxed) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(GENERATED_PATH, generatedSource());
  console.log(`wrote ${fileURLToPath(GENERATED_PATH)}`);
  const texts = await kernelsText();
  for (const kind of ['simd', 'relaxed'] as const) {
    writeFileSync(WAT_PATHS[kind], texts[kind]);
    console.log(`wrote ${fileURLToPath(WAT_PATHS[kind])}`);
  }
}
