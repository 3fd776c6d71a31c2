import { describe, expect, it } from 'vitest';
import { WarpSession, defaultWarpSettings, warpDataset, warpSettingsProblem } from '../../../src-shared/analysis/warp-session';
import { createWasmKernelsSync, type WasmKernels } from '../../../src-shared/kernels/wasm-kernels';

const clock = () => performance.now();

describe('WarpSession', () => {
  it('trains a fresh net from the settings and reports its numbers', () => {
    const session = new WarpSession({ ...defaultWarpSettings, toy: 'moons', width: 4, maxEpochs: 5 });
    const before = session.snapshot();
    expect(before.epoch).toBe(0);
    expect(before.layers.map((l) => [l.inputs, l.units])).toEqual([[2, 4], [4, 2]]);
    expect(before.activations).toEqual([{ kind: 'relu' }]);
    expect(session.train(Infinity, clock, 3)).toBe(3);
    expect(session.snapshot().step).toBe(3);
    session.train(Infinity, clock);
    const after = session.snapshot();
    expect(after.finished).toBe(true);
    expect(after.epoch).toBe(5);
    expect(after.loss).toBeLessThan(before.loss);
    expect(after.dataLoss + after.regLoss).toBeCloseTo(after.loss, 9);
  });

  it('is deterministic: the same settings and steps give bit-identical weights', () => {
    const run = () => {
      const s = new WarpSession({ ...defaultWarpSettings, toy: 'spiral', width: 6, depth: 2 });
      s.train(Infinity, clock, 50);
      return s.snapshot().layers;
    };
    const [a, b] = [run(), run()];
    a.forEach((layer, i) => {
      expect(Array.from(layer.w)).toEqual(Array.from(b[i].w));
      expect(Array.from(layer.b)).toEqual(Array.from(b[i].b));
    });
  });

  it('a new regularizer or λ continues from the current weights; a new architecture starts over', () => {
    const session = new WarpSession({ ...defaultWarpSettings, width: 3 });
    session.train(Infinity, clock, 40);
    const trained = session.snapshot();
    expect(session.update({ ...defaultWarpSettings, width: 3, regularizer: 'l1', lambda: 0.05 })).toBe(false);
    const continued = session.snapshot();
    expect(continued.generation).toBe(trained.generation);
    expect(continued.step).toBe(40);
    expect(Array.from(continued.layers[0].w)).toEqual(Array.from(trained.layers[0].w));
    expect(continued.regLoss).toBeGreaterThan(0);
    session.train(Infinity, clock, 200);
    // proximal L1 zeroes weights as it trains
    const l1 = session.snapshot();
    expect(l1.layers.some((l) => l.w.some((v) => v === 0))).toBe(true);

    expect(session.update({ ...defaultWarpSettings, width: 3, activation: 'identity', regularizer: 'l1', lambda: 0.05 })).toBe(true);
    const restarted = session.snapshot();
    expect(restarted.generation).toBe(trained.generation + 1);
    expect(restarted.step).toBe(0);
    expect(restarted.activations).toEqual([{ kind: 'identity' }]);
  });

  it('trains on the WebAssembly kernels as the view\'s worker does, fresh kernels per trainer, as well as on the reference', () => {
    const settings = { ...defaultWarpSettings, toy: 'circles' as const, width: 4, maxEpochs: 60 };
    const made: WasmKernels[] = [];
    const fast = new WarpSession(settings, () => {
      const kernels = createWasmKernelsSync({ initialBytes: 8 * 2 ** 20 });
      made.push(kernels);
      return kernels;
    });
    const reference = new WarpSession(settings);
    fast.train(Infinity, clock);
    reference.train(Infinity, clock);
    const [a, b] = [fast.snapshot(), reference.snapshot()];
    expect(a.epoch).toBe(60);
    // float32 sums in another order: close, not bit-equal
    expect(Math.abs(a.accuracy - b.accuracy)).toBeLessThanOrEqual(0.02);
    expect(a.loss).toBeCloseTo(b.loss, 2);
    // a new λ continues on new kernels (the old trainer's memory is dropped with it)
    fast.update({ ...settings, regularizer: 'l2', lambda: 0.001 });
    expect(made.length).toBe(2);
    expect(Array.from(fast.snapshot().layers[0].w)).toEqual(Array.from(a.layers[0].w));
    made.forEach((k) => k.close());
  });

  it('uses the toy data the settings describe', () => {
    const data = warpDataset({ ...defaultWarpSettings, toy: 'blobs', classes: 4, samples: 100 });
    expect(data.numClasses).toBe(4);
    expect(data.labels.length).toBe(100);
    const session = new WarpSession({ ...defaultWarpSettings, toy: 'blobs', classes: 4, samples: 100 });
    expect(session.snapshot().layers.at(-1)!.units).toBe(4);
  });

  it('refuses bad settings with a message naming the field', () => {
    expect(warpSettingsProblem(defaultWarpSettings)).toBeNull();
    expect(warpSettingsProblem({ ...defaultWarpSettings, width: 1 })).toMatch(/width must be a whole number from 2 to 64, got 1/);
    expect(warpSettingsProblem({ ...defaultWarpSettings, lambda: -1 })).toMatch(/λ must be/);
    expect(warpSettingsProblem({ ...defaultWarpSettings, depth: 9 })).toMatch(/depth/);
    expect(() => new WarpSession({ ...defaultWarpSettings, learningRate: 0 })).toThrow(/learning rate/);
    const session = new WarpSession(defaultWarpSettings);
    expect(() => session.update({ ...defaultWarpSettings, samples: 3 })).toThrow(/samples/);
  });
});
