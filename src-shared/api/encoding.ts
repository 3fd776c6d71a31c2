/**
 * Float32 arrays over the API travel as base64 of their little-endian bytes (see
 * schemas.ts `float32Base64`). Decoding uses atob, present in browsers and in Node.
 */

export interface Float32Base64 {
  dtype: 'float32';
  length: number;
  base64: string;
}

export function decodeFloat32(encoded: Float32Base64): Float32Array {
  const binary = atob(encoded.base64);
  if (binary.length !== encoded.length * 4) {
    throw new RangeError(`float32 payload holds ${binary.length} bytes, expected ${encoded.length * 4}`);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  const out = new Float32Array(encoded.length);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
