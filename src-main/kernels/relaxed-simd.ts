import { setFlagsFromString } from 'node:v8';

let enabled = false;

/**
 * Node 20's V8 (11.3) has relaxed SIMD behind a flag; newer V8 (Electron) has it on.
 * Setting the flag is process-wide and only affects modules compiled afterwards, which is
 * all we need: our module is validated and compiled after this call.
 */
export function enableRelaxedSimd(): void {
  if (enabled) return;
  enabled = true;
  setFlagsFromString('--experimental-wasm-relaxed-simd');
}
