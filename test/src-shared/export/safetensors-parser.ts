/**
 * A safetensors reader written from the format's definition, independent of our writer:
 * 8-byte little-endian header length N, N bytes of JSON header, then the tensors' bytes at
 * their [begin, end) offsets, which must tile the data area exactly.
 */
import { expect } from 'vitest';

export interface ParsedSafetensors {
  metadata: Record<string, string>;
  tensors: Map<string, { dtype: string; shape: number[]; bytes: Uint8Array }>;
  headerLength: number;
}

export function parseSafetensors(file: Uint8Array): ParsedSafetensors {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  expect(8 + headerLength).toBeLessThanOrEqual(file.length);
  const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + headerLength))) as Record<string, unknown>;
  const dataStart = 8 + headerLength;
  const tensors = new Map<string, { dtype: string; shape: number[]; bytes: Uint8Array }>();
  const ranges: [number, number][] = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: [begin, end] } = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    expect(end - begin).toBe(shape.reduce((a, b) => a * b, 1) * 4);
    ranges.push([begin, end]);
    tensors.set(name, { dtype, shape, bytes: file.subarray(dataStart + begin, dataStart + end) });
  }
  // the tensors tile the data area exactly: no gaps, no overlaps, nothing after
  ranges.sort((a, b) => a[0] - b[0]);
  let position = 0;
  for (const [begin, end] of ranges) {
    expect(begin).toBe(position);
    position = end;
  }
  expect(dataStart + position).toBe(file.length);
  return { metadata: header.__metadata__ as Record<string, string>, tensors, headerLength };
}

/** float32 little-endian bytes of `values`, computed with DataView (not the writer's helper). */
export function float32LE(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}
