import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, generatedSource } from '../../../scripts/gen-kernels-wasm';

describe('generated kernel module', () => {
  it('is what scripts/gen-kernels-wasm.ts produces (run npm run gen:kernels-wasm after changing it)', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(generatedSource());
  });
});
