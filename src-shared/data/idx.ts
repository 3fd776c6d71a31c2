/**
 * The IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/): two zero
 * bytes, a type byte (0x08 = unsigned byte), the number of dimensions, each dimension as a
 * big-endian uint32, then the values in row-major order. Works on already-decompressed
 * bytes; gunzip happens in the Node service.
 */

import { DatasetError } from './errors';

const typeNames: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};

export interface IdxArray {
  /** e.g. [60000, 28, 28] */
  dims: number[];
  /** the values, a view into the input */
  data: Uint8Array;
}

/** Parses an IDX file of unsigned bytes; `name` (a path) goes into every error message. */
export function parseIdx(bytes: Uint8Array, name: string): IdxArray {
  const fail = (what: string) => new DatasetError('idx-invalid', `${name}: ${what}`);
  if (bytes.length < 4) throw fail(`too short for an IDX file (${bytes.length} bytes)`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw fail(`not an IDX file (magic number starts ${hex(bytes[0])} ${hex(bytes[1])}, expected 00 00)`);
  }
  const type = bytes[2];
  if (type !== 0x08) {
    const typeName = typeNames[type];
    throw fail(typeName ? `holds ${typeName} values; only unsigned bytes (type 0x08) are supported` : `unknown IDX value type ${hex(type)}`);
  }
  const rank = bytes[3];
  if (rank === 0) throw fail('has zero dimensions');
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) throw fail(`truncated header: ${rank} dimensions need ${headerLength} bytes, file has ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let d = 0; d < rank; d++) dims.push(view.getUint32(4 + 4 * d, false));
  const count = dims.reduce((a, b) => a * b, 1);
  const expected = headerLength + count;
  if (bytes.length !== expected) {
    throw fail(`dimensions ${dims.join('×')} need ${expected} bytes but the file has ${bytes.length}${bytes.length < expected ? ' (truncated?)' : ''}`);
  }
  return { dims, data: bytes.subarray(headerLength, expected) };
}

export interface IdxImages {
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
  /** [count × height × width × channels] */
  pixels: Uint8Array;
}

/** An IDX array of images: [n, rows, cols] or [n, rows, cols, 1|3]. */
export function idxImages(bytes: Uint8Array, name: string): IdxImages {
  const { dims, data } = parseIdx(bytes, name);
  if (dims.length !== 3 && dims.length !== 4) {
    throw new DatasetError('idx-invalid', `${name}: expected images with 3 dimensions (count × rows × columns), found ${dims.length} (${dims.join('×')}); is this a labels file?`);
  }
  const [count, height, width] = dims;
  const channels = dims.length === 4 ? dims[3] : 1;
  if (channels !== 1 && channels !== 3) throw new DatasetError('idx-invalid', `${name}: images must have 1 or 3 channels, found ${channels}`);
  if (count === 0 || height === 0 || width === 0) throw new DatasetError('idx-invalid', `${name}: holds no images (${dims.join('×')})`);
  return { count, height, width, channels, pixels: data };
}

/** An IDX array of labels: [n]. */
export function idxLabels(bytes: Uint8Array, name: string): Uint8Array {
  const { dims, data } = parseIdx(bytes, name);
  if (dims.length !== 1) {
    throw new DatasetError('idx-invalid', `${name}: expected labels with 1 dimension, found ${dims.length} (${dims.join('×')}); is this an images file?`);
  }
  return data;
}

/** Writes an IDX file of unsigned bytes (used to produce test files and samples). */
export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new RangeError(`dimensions ${dims.join('×')} need ${count} values, got ${data.length}`);
  const out = new Uint8Array(4 + 4 * dims.length + count);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
