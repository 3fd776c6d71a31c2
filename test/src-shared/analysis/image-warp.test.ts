import { describe, expect, it } from 'vitest';
import { WARP_PCA_OPTIONS, imageWarp, nearestCentroidAccuracy, type WarpFrameInput } from '../../../src-shared/analysis/image-warp';
import { warpNetOf } from '../../../src-shared/analysis/layer-health';
import { fitPca, projectPca } from '../../../src-shared/analysis/pca';
import { forwardStages } from '../../../src-shared/analysis/warp';
import { Trainer } from '../../../src-shared/engine/trainer';
import { arraySource } from '../../../src-shared/engine/source';
import type { TrainConfig } from '../../../src-shared/engine/types';
import { Rng } from '../../../src-shared/random';

/** 3 classes of 20-value "images": a class-specific pattern plus noise. */
function blobs(n: number): { x: Float32Array; labels: Int32Array } {
  const rng = new Rng(8);
  const patterns = Array.from({ length: 3 }, () => Float32Array.from({ length: 20 }, () => rng.normal()));
  const x = new Float32Array(n * 20);
  const labels = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    labels[r] = r % 3;
    for (let c = 0; c < 20; c++) x[r * 20 + c] = patterns[labels[r]][c] + rng.normal() * 1.5;
  }
  return { x, labels };
}

describe('imageWarp', () => {
  it('projects input space with one PCA of the images and each hidden space with one PCA pooled over the epochs', async () => {
    const { x, labels } = blobs(90);
    const config: TrainConfig = {
      model: { inputSize: 20, numClasses: 3, hidden: [{ units: 8, activation: 'relu' }, { units: 5, activation: 'relu' }] },
      loss: 'softmax', regularizer: { kind: 'none', l1: 0, l2: 0, proximal: false },
      optimizer: { kind: 'sgd', lr: 0.05 }, schedule: { kind: 'constant' }, batchSize: 10, epochs: 3, seed: 1,
    };
    const trainer = new Trainer(config, arraySource(x, labels, 20));
    const frames: WarpFrameInput[] = [{ epoch: 0, checkpointId: 1, layers: trainer.layerWeights() }];
    for (let e = 1; e <= 3; e++) {
      trainer.runEpoch();
      frames.push({ epoch: e, checkpointId: e + 1, layers: trainer.layerWeights() });
    }
    let pauses = 0;
    const warp = await imageWarp(config.model, x, labels, 90, frames, { pause: async () => void pauses++ });
    expect(pauses).toBe(4 + 1 + 2); // each epoch's forward pass, the input fit, each hidden fit
    expect(warp.spaces.map((s) => [s.name, s.width])).toEqual([['input', 20], ['hidden 1', 8], ['hidden 2', 5]]);
    for (const s of warp.spaces) expect(s.shown).toBeGreaterThan(0);
    expect(warp.frames.map((f) => [f.epoch, f.checkpointId])).toEqual([[0, 1], [1, 2], [2, 3], [3, 4]]);

    // input space: the same points every epoch, those of a PCA of the images
    const input = projectPca(fitPca(x, 90, 20, WARP_PCA_OPTIONS), x, 90);
    for (const f of warp.frames) expect(Array.from(f.points[0])).toEqual(Array.from(input));
    // hidden 2: one PCA of its activations at all four epochs together, applied to each epoch
    const acts = frames.map((f) => forwardStages(warpNetOf(config.model, f.layers), x, 90).post[1]);
    const pooled = new Float64Array(4 * 90 * 5);
    acts.forEach((a, i) => pooled.set(a, i * 90 * 5));
    const pca = fitPca(pooled, 360, 5, WARP_PCA_OPTIONS);
    warp.frames.forEach((f, i) => expect(Array.from(f.points[2])).toEqual(Array.from(projectPca(pca, acts[i], 90))));
    for (const f of warp.frames) for (const s of f.separation) expect(s).toBeGreaterThanOrEqual(0);
  });

  it('refuses empty input with a reason', async () => {
    const spec = { inputSize: 2, numClasses: 2, hidden: [] };
    await expect(imageWarp(spec, [], [], 0, [])).rejects.toThrow(/at least one sample/);
    await expect(imageWarp(spec, [1, 2], [0], 1, [])).rejects.toThrow(/at least one saved epoch/);
  });
});

describe('nearestCentroidAccuracy', () => {
  it('counts points nearer their own class center (hand-made: 3 of 4)', () => {
    // class 0 around (0, 0), class 1 around (4, 0); the last class-0 point sits at (3, 0), nearer class 1's centre
    const points = [0, 0, 0, 0, 4, 0, 3, 0];
    // centres: class 0 = (1, 0), class 1 = (4, 0)
    expect(nearestCentroidAccuracy(points, [0, 0, 1, 0], 4)).toBe(0.75);
    expect(nearestCentroidAccuracy([0, 0, 10, 10], [0, 1], 2)).toBe(1);
  });
});
