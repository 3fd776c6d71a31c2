/**
 * The kernels' WebAssembly text (src-shared/kernels/*.wat, written by
 * scripts/gen-kernels-wasm.ts) is the code that ships: assembled by wabt, it gives exactly
 * the bytes the app instantiates.
 */
import { readFileSync } from 'node:fs';
import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import { WASM_FEATURES, WAT_PATHS } from '../../../scripts/gen-kernels-wasm';
import { RELAXED_WASM_BASE64, SIMD_WASM_BASE64 } from '../../../src-shared/kernels/kernels-wasm.generated';

const shipped = { simd: SIMD_WASM_BASE64, relaxed: RELAXED_WASM_BASE64 };

describe('kernels in WebAssembly text format', () => {
  for (const kind of ['simd', 'relaxed'] as const) {
    it(`kernels-${kind}.wat assembles to the shipped ${kind} module, byte for byte`, async () => {
      const wabt = await wabtInit();
      const text = readFileSync(WAT_PATHS[kind], 'utf8');
      expect(text).toMatch(/\(func \$gemm_wide /);
      const module = wabt.parseWat(`kernels-${kind}.wat`, text, WASM_FEATURES);
      module.resolveNames();
      const assembled = module.toBinary({ write_debug_names: false }).buffer;
      module.destroy();
      const bytes = Buffer.from(shipped[kind], 'base64');
      expect(assembled.length).toBe(bytes.length);
      expect(Buffer.from(assembled).equals(bytes)).toBe(true);
    });
  }
});
