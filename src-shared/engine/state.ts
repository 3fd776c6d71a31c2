/**
 * Exact binary encoding of a TrainerState, so a paused run can be stored and resumed bit
 * for bit.
 *
 * Layout (little-endian):
 *   "NLTS"            4 bytes, magic
 *   version           uint32 (currently 1)
 *   headerBytes       uint32
 *   header            UTF-8 JSON: config, counters, RNG state, array lengths
 *   padding           zeros up to a multiple of 4
 *   order             int32 × orderLength
 *   params, slots     float32 raw bits, in TrainerState order
 *   crc32             uint32 over everything before it
 *
 * Floats are copied as their 32-bit patterns, never through decimal text; the few doubles
 * in the header (config values, the RNG's cached normal) survive JSON exactly because
 * JavaScript prints the shortest text that reads back to the same double.
 */
import { z } from 'zod';
import type { TrainerState } from './types';
import { trainConfig } from './config';
import { crc32 } from '../crc32';

const MAGIC = [0x4e, 0x4c, 0x54, 0x53]; // "NLTS"
export const TRAINER_STATE_VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const count = z.number().int().nonnegative();

const headerSchema = z.object({
  config: trainConfig,
  epoch: count,
  step: count,
  position: count,
  rng: z.object({ s: z.array(z.number().int().min(0).max(0xffffffff)).length(4), spareNormal: finite.nullable() }),
  diverged: z.boolean(),
  /** absent in states written before the loss watch existed (it then restarts from the next step) */
  lossWatch: z.object({ reference: finite, smoothed: finite }).nullable().optional(),
  orderLength: count,
  paramLengths: z.array(count),
  slotLengths: z.array(count),
});

type Header = z.infer<typeof headerSchema>;

export class TrainerStateError extends Error {
  override name = 'TrainerStateError';
}

export function encodeTrainerState(state: TrainerState): Uint8Array {
  const header: Header = {
    config: state.config,
    epoch: state.epoch,
    step: state.step,
    position: state.position,
    rng: state.rng,
    diverged: state.diverged,
    lossWatch: state.lossWatch,
    orderLength: state.order.length,
    paramLengths: state.params.map((p) => p.length),
    slotLengths: state.slots.map((s) => s.length),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const arraysStart = align4(12 + headerBytes.length);
  const values = state.order.length + sum(header.paramLengths) + sum(header.slotLengths);
  const bytes = new Uint8Array(arraysStart + 4 * values + 4);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint32(4, TRAINER_STATE_VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  bytes.set(headerBytes, 12);

  let offset = arraysStart;
  for (let i = 0; i < state.order.length; i++, offset += 4) view.setInt32(offset, state.order[i], true);
  for (const array of [...state.params, ...state.slots]) {
    const bits = new Uint32Array(array.buffer, array.byteOffset, array.length);
    for (let i = 0; i < bits.length; i++, offset += 4) view.setUint32(offset, bits[i], true);
  }
  view.setUint32(offset, crc32(bytes.subarray(0, offset)), true);
  return bytes;
}

/** Reads what encodeTrainerState wrote; throws TrainerStateError saying what is wrong otherwise. */
export function decodeTrainerState(bytes: Uint8Array): TrainerState {
  const fail = (why: string): never => { throw new TrainerStateError(`not a valid trainer state: ${why}`); };
  const { json, headerLength, view } = readFrameHeader(bytes, MAGIC, TRAINER_STATE_VERSION, fail);
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) fail(`bad header: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const header = parsed.data!;

  const arraysStart = align4(12 + headerLength);
  const values = header.orderLength + sum(header.paramLengths) + sum(header.slotLengths);
  const expected = arraysStart + 4 * values + 4;
  if (bytes.length < expected) fail(`truncated (${bytes.length} bytes, expected ${expected})`);
  if (bytes.length > expected) fail(`${bytes.length - expected} unexpected bytes after the end`);
  const crcOffset = expected - 4;
  if (view.getUint32(crcOffset, true) !== crc32(bytes.subarray(0, crcOffset))) fail('checksum mismatch (corrupted data)');
  if (header.position > header.orderLength) fail(`position ${header.position} beyond the epoch of ${header.orderLength}`);

  let offset = arraysStart;
  const order = new Int32Array(header.orderLength);
  for (let i = 0; i < order.length; i++, offset += 4) order[i] = view.getInt32(offset, true);
  const readFloats = (length: number): Float32Array => {
    const array = new Float32Array(length);
    const bits = new Uint32Array(array.buffer);
    for (let i = 0; i < length; i++, offset += 4) bits[i] = view.getUint32(offset, true);
    return array;
  };
  const params = header.paramLengths.map(readFloats);
  const slots = header.slotLengths.map(readFloats);
  return {
    config: header.config,
    epoch: header.epoch,
    step: header.step,
    order,
    position: header.position,
    rng: header.rng,
    params,
    slots,
    diverged: header.diverged,
    lossWatch: header.lossWatch ?? null,
  };
}

/**
 * The frame every saved-weights format of ours shares (trainer states "NLTS", weights
 * snapshots "NLWS"): 4 magic bytes, uint32 version, uint32 header length, a UTF-8 JSON
 * header, …, and a crc32 last. Checks it and returns the header's JSON; `fail` throws.
 */
export function readFrameHeader(bytes: Uint8Array, magic: readonly number[], version: number, fail: (why: string) => never): { json: unknown; headerLength: number; view: DataView } {
  if (bytes.length < 16) fail(`only ${bytes.length} bytes`);
  if (magic.some((b, i) => bytes[i] !== b)) fail(`wrong magic bytes (expected "${String.fromCharCode(...magic)}")`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = view.getUint32(4, true);
  if (found !== version) fail(`version ${found}, this build reads version ${version}`);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength + 4 > bytes.length) fail(`truncated (header of ${headerLength} bytes, ${bytes.length} bytes in all)`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLength)));
  } catch (error) {
    fail(`unreadable header (${(error as Error).message})`);
  }
  return { json, headerLength, view };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
