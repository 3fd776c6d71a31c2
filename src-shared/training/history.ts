/**
 * A run's checkpoint history: which epochs the epoch scrubbers keep, and how their weights
 * are stored.
 *
 * Only the latest checkpoint of a run holds the full resumable state (weights, optimiser
 * slots, sample order, RNG: src-shared/engine/state.ts). Every other kept epoch holds a
 * weights snapshot: the parameters alone, as float16. Float16 halves the bytes of each
 * epoch against float32 (a 3072-100-2 net: 615 KB instead of 1.23 MB), which is what lets
 * a 3000-epoch 3072-100-2 twin pair keep 52 epochs each within 100 MB. The scrubbers draw templates
 * and histograms, where 11 significant bits are far below what a picture shows; exact
 * zeros (L1's proximal step) stay exactly zero and nothing non-zero becomes zero, so the
 * zero counts of the Sparsity view read the same from a snapshot as from the run. Resuming
 * and exporting the latest weights use the full float32 state, never a snapshot.
 *
 * Snapshot layout (little-endian):
 *   "NLWS"        4 bytes, magic
 *   version       uint32 (currently 1)
 *   headerBytes   uint32
 *   header        UTF-8 JSON: config, epoch, step, parameter lengths
 *   padding       zeros up to a multiple of 2
 *   params        float16 bits, in Network.parameters() order
 *   crc32         uint32 over everything before it
 */
import { z } from 'zod';
import { crc32 } from '../crc32';
import { trainConfig } from '../engine/config';
import { readFrameHeader } from '../engine/state';
import type { TrainerState } from '../engine/types';

/** At most this many history epochs per run (epoch 0, the last, the best validation epoch and a spread). */
export const HISTORY_MAX_ENTRIES = 64;

/**
 * …and at most this many snapshot bytes per run: a large model keeps fewer epochs (a
 * 3072-100-2 net 52, a 1.7 M-parameter net 9), so a 3000-epoch twin pair of the first stays
 * within 100 MB with its metrics, and a run of the second within 150 MB with its 20 MB state.
 */
export const HISTORY_MAX_BYTES = 32 * 1024 * 1024;

/** The fewest history epochs any run keeps: epoch 0, the best and the last. */
const HISTORY_MIN_ENTRIES = 3;

export interface HistoryEntry {
  /** epochs completed when it was saved */
  epoch: number;
  /** mini-batches trained when it was saved: unique within a run */
  step: number;
}

/** How many history epochs a run keeps whose snapshots take `snapshotBytes` each. */
export function historyCapacity(snapshotBytes: number, maxEntries = HISTORY_MAX_ENTRIES, maxBytes = HISTORY_MAX_BYTES): number {
  const byBytes = snapshotBytes > 0 ? Math.floor(maxBytes / snapshotBytes) : maxEntries;
  return Math.max(HISTORY_MIN_ENTRIES, Math.min(maxEntries, byBytes));
}

/**
 * The steps of the history entries to keep: the latest entry, epoch 0, the best
 * validation epoch (`bestEpoch`, null without validation), and every epoch on a grid
 * whose stride is the smallest power of two that fits the rest into `maxEntries`. As a
 * run grows the stride doubles, and the grid of a doubled stride is a subset of the
 * old one, so an entry once dropped is never wanted again: the kept set only thins.
 * Gaps between kept epochs stay at most 2·last/(maxEntries − 2) epochs.
 *
 * An epoch with several entries (a pause mid-epoch after it) is represented by its first
 * entry, the one saved at the epoch's end. `maxEntries` ≥ 3.
 */
export function historyToKeep(entries: readonly HistoryEntry[], bestEpoch: number | null, maxEntries = HISTORY_MAX_ENTRIES): Set<number> {
  if (!(Number.isInteger(maxEntries) && maxEntries >= HISTORY_MIN_ENTRIES)) {
    throw new RangeError(`a run keeps at least ${HISTORY_MIN_ENTRIES} history epochs, got ${maxEntries}`);
  }
  const keep = new Set<number>();
  if (entries.length === 0) return keep;
  let latest = entries[0];
  const firstOfEpoch = new Map<number, HistoryEntry>();
  for (const entry of entries) {
    if (entry.step > latest.step) latest = entry;
    const first = firstOfEpoch.get(entry.epoch);
    if (!first || entry.step < first.step) firstOfEpoch.set(entry.epoch, entry);
  }
  const stride = gridStride(latest.epoch, maxEntries - 2);
  keep.add(latest.step);
  for (const [epoch, entry] of firstOfEpoch) {
    if (epoch % stride === 0 || epoch === bestEpoch) keep.add(entry.step);
  }
  return keep;
}

/** The smallest power of two s with ⌊last / s⌋ + 1 ≤ slots: the grid 0, s, 2s, … ≤ last then has at most `slots` epochs. */
function gridStride(lastEpoch: number, slots: number): number {
  let stride = 1;
  while (Math.floor(lastEpoch / stride) + 1 > slots) stride *= 2;
  return stride;
}

// ── weights snapshots ─────────────────────────────────────────────────────────────

const MAGIC = [0x4e, 0x4c, 0x57, 0x53]; // "NLWS"
export const WEIGHTS_SNAPSHOT_VERSION = 1;

const count = z.number().int().nonnegative();
const snapshotHeaderSchema = z.object({
  config: trainConfig,
  epoch: count,
  step: count,
  paramLengths: z.array(count),
});

/** The weights of one history epoch, decoded to float32. */
export type WeightsSnapshot = z.infer<typeof snapshotHeaderSchema> & { params: Float32Array[] };

export class WeightsSnapshotError extends Error {
  override name = 'WeightsSnapshotError';
}

/** The parameters of `state` as a float16 snapshot (see the layout above). */
export function encodeWeightsSnapshot(state: Pick<TrainerState, 'config' | 'epoch' | 'step' | 'params'>): Uint8Array {
  const header = { config: state.config, epoch: state.epoch, step: state.step, paramLengths: state.params.map((p) => p.length) };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const start = align2(12 + headerBytes.length);
  const values = header.paramLengths.reduce((a, b) => a + b, 0);
  const bytes = new Uint8Array(start + 2 * values + 4);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint32(4, WEIGHTS_SNAPSHOT_VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  bytes.set(headerBytes, 12);
  let offset = start;
  for (const array of state.params) {
    const bits = new Uint32Array(array.buffer, array.byteOffset, array.length);
    for (let i = 0; i < bits.length; i++, offset += 2) view.setUint16(offset, float32BitsToHalf(bits[i]), true);
  }
  view.setUint32(offset, crc32(bytes.subarray(0, offset)), true);
  return bytes;
}

/** Reads what encodeWeightsSnapshot wrote; throws WeightsSnapshotError saying what is wrong otherwise. */
export function decodeWeightsSnapshot(bytes: Uint8Array): WeightsSnapshot {
  const fail = (why: string): never => { throw new WeightsSnapshotError(`not a valid weights snapshot: ${why}`); };
  const { json, headerLength, view } = readFrameHeader(bytes, MAGIC, WEIGHTS_SNAPSHOT_VERSION, fail);
  const parsed = snapshotHeaderSchema.safeParse(json);
  if (!parsed.success) fail(`bad header: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const header = parsed.data!;
  const start = align2(12 + headerLength);
  const expected = start + 2 * header.paramLengths.reduce((a, b) => a + b, 0) + 4;
  if (bytes.length !== expected) fail(bytes.length < expected ? `truncated (${bytes.length} bytes, expected ${expected})` : `${bytes.length - expected} unexpected bytes after the end`);
  if (view.getUint32(expected - 4, true) !== crc32(bytes.subarray(0, expected - 4))) fail('checksum mismatch (corrupted data)');
  let offset = start;
  const params = header.paramLengths.map((length) => {
    const array = new Float32Array(length);
    const bits = new Uint32Array(array.buffer);
    for (let i = 0; i < length; i++, offset += 2) bits[i] = halfToFloat32Bits(view.getUint16(offset, true));
    return array;
  });
  return { ...header, params };
}

/**
 * float32 bits → float16 bits, rounded to nearest (ties to even). Overflow gives ±Infinity,
 * NaN stays NaN. A non-zero value too small for float16 becomes the smallest float16 of its
 * sign instead of zero, so zero counts are the same before and after.
 */
export function float32BitsToHalf(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa !== 0 ? 0x200 : 0);
  if (exponent === 0 && mantissa === 0) return sign;
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // subnormal float16: shift the mantissa (with its implicit 1) right, rounding to even
    const shift = 14 - e;
    if (shift > 24) return sign | 1;
    const full = mantissa | 0x800000;
    let half = full >>> shift;
    const rest = full & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && (half & 1) === 1)) half++;
    return sign | Math.max(half, 1);
  }
  let half = sign | (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1)) half++; // a carry rolls into the exponent, up to Infinity
  return half;
}

/** float16 bits → float32 bits (exact: every float16 is a float32). */
export function halfToFloat32Bits(half: number): number {
  const sign = (half & 0x8000) << 16;
  const exponent = (half >>> 10) & 0x1f;
  const mantissa = half & 0x3ff;
  if (exponent === 0x1f) return (sign | 0x7f800000 | (mantissa << 13)) >>> 0;
  if (exponent !== 0) return (sign | ((exponent - 15 + 127) << 23) | (mantissa << 13)) >>> 0;
  if (mantissa === 0) return sign >>> 0;
  // subnormal: normalise
  let m = mantissa;
  let e = -14;
  while ((m & 0x400) === 0) {
    m <<= 1;
    e--;
  }
  return (sign | ((e + 127) << 23) | ((m & 0x3ff) << 13)) >>> 0;
}

function align2(n: number): number {
  return (n + 1) & ~1;
}
