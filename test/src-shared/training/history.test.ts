import { describe, expect, it } from 'vitest';
import {
  decodeWeightsSnapshot,
  encodeWeightsSnapshot,
  float32BitsToHalf,
  halfToFloat32Bits,
  historyCapacity,
  historyToKeep,
  HISTORY_MAX_BYTES,
  HISTORY_MAX_ENTRIES,
  WeightsSnapshotError,
  type HistoryEntry,
} from '../../../src-shared/training/history';
import { Rng } from '../../../src-shared/random';
import { config } from '../engine/helpers';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const toHalf = (x: number) => {
  f32[0] = x;
  return float32BitsToHalf(u32[0]);
};
const fromHalf = (h: number) => {
  u32[0] = halfToFloat32Bits(h);
  return f32[0];
};

describe('float16 conversion', () => {
  it('maps known values to their IEEE half bits', () => {
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(65504)).toBe(0x7bff); // largest half
    expect(toHalf(65520)).toBe(0x7c00); // rounds past it: Infinity
    expect(toHalf(-Infinity)).toBe(0xfc00);
    expect(toHalf(2 ** -24)).toBe(0x0001); // smallest subnormal half
    expect(toHalf(0)).toBe(0);
    expect(toHalf(-0)).toBe(0x8000);
    expect(Number.isNaN(fromHalf(toHalf(NaN)))).toBe(true);
  });

  it('keeps zeros zero and makes nothing non-zero zero', () => {
    for (const tiny of [1e-10, 1e-30, 1.401298464324817e-45, 2 ** -26]) {
      expect(fromHalf(toHalf(tiny))).toBe(2 ** -24);
      expect(fromHalf(toHalf(-tiny))).toBe(-(2 ** -24));
    }
  });

  it('round-trips every float16 exactly', () => {
    for (let h = 0; h < 0x10000; h++) {
      const exponent = (h >>> 10) & 0x1f;
      if (exponent === 0x1f && (h & 0x3ff) !== 0) continue; // NaN payloads
      expect(toHalf(fromHalf(h))).toBe(h);
    }
  });

  it('rounds to the nearest float16 (ties to even) across the whole range', () => {
    const rng = new Rng(7);
    const random = () => rng.uniform();
    for (let i = 0; i < 20_000; i++) {
      const x = (random() - 0.5) * 2 ** Math.floor(random() * 40 - 26);
      f32[0] = x;
      const value = f32[0];
      const h = toHalf(value);
      const y = fromHalf(h);
      if (Math.abs(y) === 2 ** -24 && Math.abs(value) < 2 ** -25) continue; // kept non-zero on purpose
      for (const neighbor of [fromHalf((h & 0x7fff) === 0 ? h : h - 1), fromHalf(h + 1)]) {
        if (!Number.isFinite(neighbor)) continue;
        expect(Math.abs(value - y)).toBeLessThanOrEqual(Math.abs(value - neighbor));
      }
    }
  });
});

describe('weights snapshots', () => {
  const trainConfig = config({ inputSize: 3, numClasses: 2, hidden: [{ units: 4, activation: 'relu' }] });
  const params = [Float32Array.from([0.5, -0.25, 0, 1e-9, 3.14159, -7, 0.001, 100, 2, 1, 0, -0]), Float32Array.from([1, 2, 3, 4])];

  it('round-trips config, counters and the weights at float16 precision', () => {
    const snapshot = decodeWeightsSnapshot(encodeWeightsSnapshot({ config: trainConfig, epoch: 12, step: 345, params }));
    expect(snapshot.config).toEqual(trainConfig);
    expect(snapshot.epoch).toBe(12);
    expect(snapshot.step).toBe(345);
    expect(snapshot.params.map((p) => p.length)).toEqual([12, 4]);
    params.forEach((p, i) => p.forEach((v, j) => {
      const got = snapshot.params[i][j];
      if (v === 0) expect(Object.is(got, v)).toBe(true);
      else expect(Math.abs(got - v)).toBeLessThanOrEqual(Math.max(Math.abs(v) * 2 ** -11, 2 ** -24));
    }));
  });

  it('takes two bytes a weight', () => {
    const big = [new Float32Array(10_000), new Float32Array(100)];
    const bytes = encodeWeightsSnapshot({ config: trainConfig, epoch: 0, step: 0, params: big });
    expect(bytes.length - 20_200).toBeLessThan(1_000);
  });

  it('refuses damaged input with a clear error', () => {
    const bytes = encodeWeightsSnapshot({ config: trainConfig, epoch: 1, step: 2, params });
    const expectError = (input: Uint8Array, pattern: RegExp) => {
      expect(() => decodeWeightsSnapshot(input)).toThrow(WeightsSnapshotError);
      expect(() => decodeWeightsSnapshot(input)).toThrow(pattern);
    };
    expectError(new Uint8Array(5), /only 5 bytes/);
    expectError(Uint8Array.from([0x4e, 0x4c, 0x54, 0x53, ...bytes.subarray(4)]), /wrong magic/);
    expectError(bytes.subarray(0, bytes.length - 2), /truncated/);
    expectError(Uint8Array.from([...bytes, 0]), /unexpected bytes/);
    const flipped = Uint8Array.from(bytes);
    flipped[flipped.length - 9] ^= 4;
    expectError(flipped, /checksum mismatch/);
  });
});

describe('history retention', () => {
  /** Saves an entry per epoch for `epochs` epochs and thins after each save, as the store does. */
  function grow(epochs: number, maxEntries: number, bestAt: (epoch: number) => boolean) {
    let kept: HistoryEntry[] = [];
    const everSaved: HistoryEntry[] = [];
    let best: number | null = null;
    const stepsPerEpoch = 7;
    for (let epoch = 0; epoch <= epochs; epoch++) {
      const entry = { epoch, step: epoch * stepsPerEpoch };
      if (epoch > 0 && bestAt(epoch)) best = epoch;
      kept.push(entry);
      everSaved.push(entry);
      const keep = historyToKeep(kept, best, maxEntries);
      kept = kept.filter((e) => keep.has(e.step));

      expect(kept.length).toBeLessThanOrEqual(maxEntries);
      const epochsKept = kept.map((e) => e.epoch);
      expect(epochsKept).toContain(0);
      expect(epochsKept).toContain(epoch);
      if (best !== null) expect(epochsKept).toContain(best);
      // Stable: thinning step by step keeps exactly what thinning the whole history at once keeps.
      if (epoch % 25 === 0) expect([...historyToKeep(everSaved, best, maxEntries)].sort((a, b) => a - b)).toEqual(kept.map((e) => e.step));
      // A spread: no gap wider than 2·last/(maxEntries − 2) epochs between neighbours.
      const widest = Math.max(0, ...epochsKept.slice(1).map((e, i) => e - epochsKept[i]));
      expect(widest).toBeLessThanOrEqual(Math.max(1, (2 * epoch) / (maxEntries - 2)));
    }
    return kept;
  }

  it('keeps at most 64 epochs over 5000: epoch 0, the last, the best validation epoch and an even spread', () => {
    const rng = new Rng(11);
    const random = () => rng.uniform();
    const kept = grow(5000, HISTORY_MAX_ENTRIES, (epoch) => random() < 20 / (epoch + 20));
    expect(kept.length).toBeGreaterThan(HISTORY_MAX_ENTRIES / 2);
  });

  it('keeps everything while it fits, and works with the smallest bound', () => {
    expect(grow(40, HISTORY_MAX_ENTRIES, () => false)).toHaveLength(41);
    grow(300, 3, (epoch) => epoch % 17 === 0);
  });

  it('represents an epoch by the entry saved at its end, and always keeps the latest (a pause mid-epoch)', () => {
    const entries = [{ epoch: 0, step: 0 }, { epoch: 1, step: 10 }, { epoch: 2, step: 20 }, { epoch: 2, step: 23 }, { epoch: 3, step: 30 }, { epoch: 3, step: 34 }];
    expect([...historyToKeep(entries, null, 4)].sort((a, b) => a - b)).toEqual([0, 20, 34]);
  });

  it('bounds the bytes: a large model keeps fewer epochs, never fewer than 3', () => {
    expect(historyCapacity(400_000)).toBe(HISTORY_MAX_ENTRIES);
    expect(historyCapacity(615_004)).toBe(Math.floor(HISTORY_MAX_BYTES / 615_004)); // 3072-100-2: 54
    expect(historyCapacity(3_414_548)).toBe(Math.floor(HISTORY_MAX_BYTES / 3_414_548));
    expect(historyCapacity(HISTORY_MAX_BYTES)).toBe(3);
    expect(() => historyToKeep([], null, 2)).toThrow(/at least 3/);
  });
});
