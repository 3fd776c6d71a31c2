import { describe, expect, it } from 'vitest';
import { Trainer } from '../../../src-shared/engine/trainer';
import { arraySource } from '../../../src-shared/engine/source';
import { decodeTrainerState, encodeTrainerState, TrainerStateError } from '../../../src-shared/engine/state';
import { makeToyDataset } from '../../../src-shared/toy/datasets';
import { config } from './helpers';

const data = makeToyDataset('moons', { samples: 50, noise: 0.1, seed: 3 });
const source = arraySource(data.x, data.labels, 2);

function pausedState() {
  const trainer = new Trainer(config({
    inputSize: 2, numClasses: 2, hidden: [{ units: 6, activation: 'sigmoid' }],
    optimizer: { kind: 'adam', lr: 0.01, beta1: 0.8 }, batchSize: 8, epochs: 3,
    schedule: { kind: 'step', everyEpochs: 1, gamma: 0.5 },
  }), source);
  for (let i = 0; i < 9; i++) trainer.trainStep();
  return trainer.saveState();
}

describe('trainer state encoding', () => {
  it('round-trips exactly: config, counters, order, RNG and every float bit', () => {
    const state = pausedState();
    const decoded = decodeTrainerState(encodeTrainerState(state));
    expect(decoded).toEqual(state);
    expect(decoded.position).toBe(16); // 50 samples / 8 = 7 steps per epoch, then 2 more
    expect(decoded.epoch).toBe(1);
    expect(decoded.slots).toHaveLength(2 * state.params.length);
    const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));
    decoded.params.forEach((p, i) => expect(bits(p)).toEqual(bits(state.params[i])));
    decoded.slots.forEach((s, i) => expect(bits(s)).toEqual(bits(state.slots[i])));
  });

  it('keeps special float values and -0 bit for bit', () => {
    const state = pausedState();
    state.params[0][0] = -0;
    state.params[0][1] = Infinity;
    state.slots[0][0] = 1.401298464324817e-45; // smallest subnormal float32
    const decoded = decodeTrainerState(encodeTrainerState(state));
    expect(Object.is(decoded.params[0][0], -0)).toBe(true);
    expect(decoded.params[0][1]).toBe(Infinity);
    expect(decoded.slots[0][0]).toBe(state.slots[0][0]);
  });

  it('rejects garbage, truncated, corrupted and future-version input with a clear error', () => {
    const bytes = encodeTrainerState(pausedState());
    const expectError = (input: Uint8Array, pattern: RegExp) => {
      expect(() => decodeTrainerState(input)).toThrow(TrainerStateError);
      expect(() => decodeTrainerState(input)).toThrow(pattern);
    };
    expectError(new TextEncoder().encode('{"this is": "json, not a state"}'), /wrong magic bytes/);
    expectError(new Uint8Array(3), /only 3 bytes/);
    expectError(bytes.subarray(0, bytes.length - 10), /truncated/);
    expectError(bytes.subarray(0, 40), /truncated/);
    expectError(Uint8Array.from([...bytes, 0, 0, 0, 0]), /unexpected bytes after the end/);

    const flipped = Uint8Array.from(bytes);
    flipped[flipped.length - 20] ^= 1;
    expectError(flipped, /checksum mismatch/);

    const future = Uint8Array.from(bytes);
    future[4] = 2;
    expectError(future, /version 2/);

    const badHeader = Uint8Array.from(bytes);
    const headerText = new TextDecoder().decode(badHeader.subarray(12, 12 + new DataView(bytes.buffer).getUint32(8, true)));
    const at = headerText.indexOf('"softmax"');
    badHeader.set(new TextEncoder().encode('"softmix"'), 12 + at);
    expectError(badHeader, /bad header.*loss/);
  });
});
