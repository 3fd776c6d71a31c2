/**
 * Seeded mutations of real JPEG, PNG and WebP files, for fuzzing the import's decoder.
 *
 * Seeds are small images written with sharp (several sizes, grey/RGB/RGBA, progressive
 * JPEG, interlaced PNG, lossless and lossy WebP). Each mutant applies one or more of:
 * bit flips, byte stomps with boundary values, truncation, splicing in bytes of another
 * seed, container-aware edits (PNG chunks with recomputed CRCs so the lie gets past the
 * checksum, JPEG markers and SOF dimensions, WebP RIFF sizes and VP8/VP8L/VP8X canvas
 * sizes), and decompression bombs (valid PNGs whose few kB inflate to hundreds of
 * megapixels, just under and over the import's pixel cap).
 */

import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { Rng } from '../../../src-shared/random';

export type ImageFormat = 'jpeg' | 'png' | 'webp';

export interface Mutant {
  /** what was done, for the log of a failing case */
  recipe: string;
  format: ImageFormat;
  bytes: Uint8Array;
}

/** Seed images: every format in a few shapes and flavours. */
export async function seedImages(seed = 1): Promise<{ format: ImageFormat; bytes: Uint8Array }[]> {
  const rng = new Rng(seed);
  const seeds: { format: ImageFormat; bytes: Uint8Array }[] = [];
  const shapes: [number, number, 1 | 3 | 4][] = [[8, 8, 3], [33, 17, 1], [64, 48, 4], [5, 90, 3]];
  for (const [width, height, channels] of shapes) {
    const pixels = Buffer.alloc(width * height * channels);
    // smooth gradient plus noise: compresses like a photo, not like static
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let c = 0; c < channels; c++) pixels[(y * width + x) * channels + c] = (x * 7 + y * 3 + c * 50 + rng.int(20)) & 255;
      }
    }
    const image = () => sharp(pixels, { raw: { width, height, channels } });
    seeds.push({ format: 'jpeg', bytes: await image().jpeg({ quality: 80 }).toBuffer() });
    seeds.push({ format: 'jpeg', bytes: await image().jpeg({ quality: 60, progressive: true }).toBuffer() });
    seeds.push({ format: 'png', bytes: await image().png().toBuffer() });
    seeds.push({ format: 'png', bytes: await image().png({ progressive: true, palette: channels !== 1 }).toBuffer() });
    seeds.push({ format: 'webp', bytes: await image().webp({ quality: 70 }).toBuffer() });
    seeds.push({ format: 'webp', bytes: await image().webp({ lossless: true }).toBuffer() });
  }
  return seeds;
}

/** `count` mutants of `seeds`, the same for the same `seed`. */
export function* mutants(seeds: { format: ImageFormat; bytes: Uint8Array }[], count: number, seed: number): Generator<Mutant> {
  const rng = new Rng(seed);
  for (let i = 0; i < count; i++) {
    const base = seeds[rng.int(seeds.length)];
    if (rng.int(40) === 0) {
      yield bomb(rng);
      continue;
    }
    let bytes: Uint8Array = new Uint8Array(base.bytes);
    const steps: string[] = [];
    const rounds = 1 + rng.int(3);
    for (let r = 0; r < rounds; r++) {
      const [name, mutate] = pick(rng, mutations(base.format));
      const next = mutate(bytes, rng, seeds);
      if (next === null) continue; // not applicable to this file
      bytes = next;
      steps.push(name);
    }
    yield { recipe: `${base.format} ${base.bytes.length} B: ${steps.join(' + ') || 'unchanged'}`, format: base.format, bytes };
  }
}

type Mutation = (bytes: Uint8Array, rng: Rng, seeds: { format: ImageFormat; bytes: Uint8Array }[]) => Uint8Array | null;

function mutations(format: ImageFormat): [string, Mutation][] {
  const generic: [string, Mutation][] = [
    ['bit flips', bitFlips],
    ['bit flips', bitFlips],
    ['byte stomp', byteStomp],
    ['truncate', truncate],
    ['truncate', truncate],
    ['splice', splice],
    ['repeat a slice', repeatSlice],
    ['delete a slice', deleteSlice],
  ];
  const specific: Record<ImageFormat, [string, Mutation][]> = {
    png: [['png: lie in IHDR (CRC fixed)', pngHeaderLie], ['png: drop a chunk', pngDropChunk], ['png: duplicate a chunk', pngDuplicateChunk], ['png: corrupt IDAT (CRC fixed)', pngCorruptIdat], ['png: chunk length lie', pngLengthLie]],
    jpeg: [['jpeg: SOF dimensions lie', jpegSofLie], ['jpeg: drop a segment', jpegDropSegment], ['jpeg: segment length lie', jpegLengthLie], ['jpeg: cut before EOI', jpegCutScan]],
    webp: [['webp: RIFF size lie', webpRiffLie], ['webp: canvas size lie', webpCanvasLie], ['webp: chunk size lie', webpChunkLie]],
  };
  return [...generic, ...specific[format], ...specific[format]];
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)];
}

const boundary = [0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe];

function bitFlips(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = new Uint8Array(bytes);
  const flips = 1 + rng.int(8);
  for (let k = 0; k < flips; k++) out[rng.int(out.length)] ^= 1 << rng.int(8);
  return out;
}

function byteStomp(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = new Uint8Array(bytes);
  const at = rng.int(out.length);
  const run = 1 + rng.int(16);
  const value = pick(rng, boundary);
  out.fill(value, at, Math.min(out.length, at + run));
  return out;
}

function truncate(bytes: Uint8Array, rng: Rng): Uint8Array {
  // favour cuts in the header, where parsers decide sizes
  const at = rng.int(2) === 0 ? rng.int(Math.min(64, bytes.length)) : rng.int(bytes.length);
  return bytes.slice(0, at);
}

function splice(bytes: Uint8Array, rng: Rng, seeds: { bytes: Uint8Array }[]): Uint8Array {
  const other = pick(rng, seeds).bytes;
  const from = rng.int(other.length);
  const piece = other.subarray(from, from + 1 + rng.int(256));
  const at = rng.int(bytes.length);
  return concat(bytes.subarray(0, at), piece, bytes.subarray(at + rng.int(piece.length + 1)));
}

function repeatSlice(bytes: Uint8Array, rng: Rng): Uint8Array {
  const at = rng.int(bytes.length);
  const slice = bytes.subarray(at, at + 1 + rng.int(64));
  const times = 1 + rng.int(50);
  return concat(bytes.subarray(0, at), ...Array.from({ length: times }, () => slice), bytes.subarray(at));
}

function deleteSlice(bytes: Uint8Array, rng: Rng): Uint8Array {
  const at = rng.int(bytes.length);
  return concat(bytes.subarray(0, at), bytes.subarray(at + 1 + rng.int(64)));
}

// ── PNG ───────────────────────────────────────────────────────────────────────────

interface Chunk { type: string; start: number; end: number; data: Uint8Array }

function pngChunks(bytes: Uint8Array): Chunk[] | null {
  if (bytes.length < 8 || bytes[0] !== 0x89 || bytes[1] !== 0x50) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  for (let p = 8; p + 12 <= bytes.length;) {
    const length = view.getUint32(p);
    if (p + 12 + length > bytes.length) break;
    chunks.push({ type: String.fromCharCode(...bytes.subarray(p + 4, p + 8)), start: p, end: p + 12 + length, data: bytes.slice(p + 8, p + 8 + length) });
    p += 12 + length;
  }
  return chunks.length > 0 ? chunks : null;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function rebuildPng(bytes: Uint8Array, chunks: Chunk[], replace: Map<Chunk, Uint8Array[]>): Uint8Array {
  return concat(bytes.subarray(0, 8), ...chunks.flatMap((c) => replace.get(c) ?? [bytes.subarray(c.start, c.end)]));
}

function pngHeaderLie(bytes: Uint8Array, rng: Rng): Uint8Array | null {
  const chunks = pngChunks(bytes);
  const ihdr = chunks?.find((c) => c.type === 'IHDR');
  if (!chunks || !ihdr || ihdr.data.length < 13) return null;
  const data = new Uint8Array(ihdr.data);
  const view = new DataView(data.buffer);
  const lies = [
    () => view.setUint32(0, pick(rng, [0, 1, 0x7fffffff, 0xffffffff, 65535, 100_000])),
    () => view.setUint32(4, pick(rng, [0, 1, 0x7fffffff, 0xffffffff, 65535, 100_000])),
    () => (data[8] = pick(rng, [0, 3, 7, 16, 255])), // bit depth
    () => (data[9] = pick(rng, [1, 5, 7, 255])), // colour type
    () => (data[12] = pick(rng, [1, 2, 255])), // interlace method
  ];
  pick(rng, lies)();
  return rebuildPng(bytes, chunks, new Map([[ihdr, [pngChunk('IHDR', data)]]]));
}

function pngDropChunk(bytes: Uint8Array, rng: Rng): Uint8Array | null {
  const chunks = pngChunks(bytes);
  if (!chunks) return null;
  return rebuildPng(bytes, chunks, new Map([[pick(rng, chunks), []]]));
}

function pngDuplicateChunk(bytes: Uint8Array, rng: Rng): Uint8Array | null {
  const chunks = pngChunks(bytes);
  if (!chunks) return null;
  const chunk = pick(rng, chunks);
  const copy = bytes.subarray(chunk.start, chunk.end);
  return rebuildPng(bytes, chunks, new Map([[chunk, [copy, copy]]]));
}

function pngCorruptIdat(bytes: Uint8Array, rng: Rng): Uint8Array | null {
  const chunks = pngChunks(bytes);
  const idat = chunks?.find((c) => c.type === 'IDAT');
  if (!chunks || !idat || idat.data.length === 0) return null;
  return rebuildPng(bytes, chunks, new Map([[idat, [pngChunk('IDAT', rng.int(2) === 0 ? bitFlips(idat.data, rng) : idat.data.slice(0, rng.int(idat.data.length)))]]]));
}

function pngLengthLie(bytes: Uint8Array, rng: Rng): Uint8Array | null {
  const chunks = pngChunks(bytes);
  if (!chunks) return null;
  const out = new Uint8Array(bytes);
  new DataView(out.buffer).setUint32(pick(rng, chunks).start, pick(rng, [0, 1, 0x7fffffff, 0xffffffff, bytes.length * 4]));
  return out;
}

const bombs = new Map<string, Uint8Array>();

/** A valid greyscale PNG of `width`×`height` zeros: a few kB of deflate that claims a huge image (made once per size). */
export function zeroPng(width: number, height: number): Uint8Array {
  const key = `${width}x${height}`;
  let png = bombs.get(key);
  if (!png) {
    const ihdr = new Uint8Array(13);
    const view = new DataView(ihdr.buffer);
    view.setUint32(0, width);
    view.setUint32(4, height);
    ihdr[8] = 8; // 8-bit grey
    const rows = new Uint8Array((width + 1) * height); // filter byte 0 and zero pixels, row after row
    png = concat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(rows, { level: 9 })), pngChunk('IEND', new Uint8Array(0)));
    bombs.set(key, png);
  }
  return png;
}

function bomb(rng: Rng): Mutant {
  // 10k² (100 MP, under the 200 MP cap: decodes, streaming), 15k×14k (210 MP, over), and a width-only giant
  const [width, height] = pick(rng, [[10_000, 10_000], [15_000, 14_000], [1_000_000, 2]] as const);
  return { recipe: `png bomb ${width}×${height}`, format: 'png', bytes: zeroPng(width, height) };
}

// ── JPEG ──────────────────────────────────────────────────────────────────────────

interface Segment { marker: number; start: number; end: number }

function jpegSegments(bytes: Uint8Array): Segment[] | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const segments: Segment[] = [];
  for (let p = 2; p + 4 <= bytes.length;) {
    if (bytes[p] !== 0xff) break;
    const marker = bytes[p + 1];
    const length = (bytes[p + 2] << 8) | bytes[p + 3];
    segments.push({ marker, start: p, end: Math.min(bytes.length, p + 2 + length) });
    if (marker === 0xda) break; // scan data follows
    p += 2 + length;
  }
  return segments.length > 0 ? segments : null;
}

function jpegSofLie(bytes: Uint8Array, rng: Rng): Uint8Array | null {
  const sof = jpegSegments(bytes)?.find((s) => s.marker === 0xc0 || s.marker === 0xc2);
  if (!sof || sof.end - sof.start < 9) return null;
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const value = pick(rng, [0, 1, 0xffff, 0x7fff, 16_384]);
  view.setUint16(sof.start + 5 + (rng.int(2) === 0 ? 0 : 2), value); // height or width
  if (rng.int(3) === 0) out[sof.start + 9] = pick(rng, [0, 2, 5, 255]); // component count
  return out;
}

function jpegDropSegment(bytes: Uint8Array, rng: Rng): Uint8Array | null {
  const segments = jpegSegments(bytes);
  if (!segments) return null;
  const s = pick(rng, segments);
  return concat(bytes.subarray(0, s.start), bytes.subarray(s.end));
}

function jpegLengthLie(bytes: Uint8Array, rng: Rng): Uint8Array | null {
  const segments = jpegSegments(bytes);
  if (!segments) return null;
  const out = new Uint8Array(bytes);
  new DataView(out.buffer).setUint16(pick(rng, segments).start + 2, pick(rng, [0, 1, 2, 0xffff, 0x8000]));
  return out;
}

function jpegCutScan(bytes: Uint8Array, rng: Rng): Uint8Array | null {
  const sos = jpegSegments(bytes)?.find((s) => s.marker === 0xda);
  if (!sos) return null;
  return bytes.slice(0, sos.end + rng.int(Math.max(1, bytes.length - sos.end - 2)));
}

// ── WebP ──────────────────────────────────────────────────────────────────────────

function isWebp(bytes: Uint8Array): boolean {
  return bytes.length >= 20 && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP';
}

function webpRiffLie(bytes: Uint8Array, rng: Rng): Uint8Array | null {
  if (!isWebp(bytes)) return null;
  const out = new Uint8Array(bytes);
  new DataView(out.buffer).setUint32(4, pick(rng, [0, 4, 0xffffffff, 0x7fffffff, bytes.length * 10]), true);
  return out;
}

function webpChunkLie(bytes: Uint8Array, rng: Rng): Uint8Array | null {
  if (!isWebp(bytes)) return null;
  const out = new Uint8Array(bytes);
  new DataView(out.buffer).setUint32(16, pick(rng, [0, 1, 0xffffffff, 0x7fffffff, bytes.length * 10]), true);
  return out;
}

/** VP8 (lossy) keyframe, VP8L (lossless) or VP8X (extended) canvas size set to something absurd. */
function webpCanvasLie(bytes: Uint8Array, rng: Rng): Uint8Array | null {
  if (!isWebp(bytes)) return null;
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const kind = String.fromCharCode(...out.subarray(12, 16));
  if (kind === 'VP8 ' && out.length >= 30) {
    view.setUint16(26, pick(rng, [0, 1, 0x3fff]), true);
    view.setUint16(28, pick(rng, [0, 1, 0x3fff]), true);
  } else if (kind === 'VP8L' && out.length >= 25) {
    // 14-bit width−1 and height−1 packed after the 0x2f signature
    const bits = view.getUint32(21, true);
    view.setUint32(21, (bits & ~0x0fffffff) | (pick(rng, [0, 0x3fff]) | (pick(rng, [0, 0x3fff]) << 14)), true);
  } else {
    return null;
  }
  return out;
}

// ── helpers ───────────────────────────────────────────────────────────────────────

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
