/**
 * Mirror augmentation: every training image flipped left-right with probability ½. On
 * images whose objects all face one way, a linear model's templates come out lopsided;
 * with mirroring, each template has to serve both directions and turns left-right
 * symmetric (the "two-headed horse" of CONCEPTS §1, made on purpose).
 */
import { describe, expect, it } from 'vitest';
import { mirrorImage, Trainer } from '../../../src-shared/engine/trainer';
import { imageSource } from '../../../src-shared/data/image-source';
import { fitNormalization } from '../../../src-shared/data/normalize';
import type { ImageDataset } from '../../../src-shared/data/dataset';
import type { TrainConfig } from '../../../src-shared/engine/types';
import { Rng } from '../../../src-shared/random';
import { config } from './helpers';

const W = 12, H = 8;

/**
 * Grey W×H images of two classes, each a bright "animal" facing right: class 0 a long
 * body with its head up at the right end, class 1 a short body with the head low. Both
 * sit left of centre, on noise.
 */
function facingRight(perClass: number, seed: number): ImageDataset {
  const rng = new Rng(seed);
  const n = 2 * perClass;
  const pixels = new Uint8Array(n * W * H);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % 2;
    labels[i] = k;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const body = k === 0 ? y >= 3 && y <= 4 && x >= 1 && x <= 6 : y >= 4 && y <= 6 && x >= 2 && x <= 4;
        const head = k === 0 ? y >= 1 && y <= 2 && x >= 6 && x <= 7 : y >= 5 && y <= 6 && x === 5;
        pixels[i * W * H + y * W + x] = Math.max(0, Math.min(255, Math.round((body || head ? 200 : 50) + 25 * rng.normal())));
      }
    }
  }
  return { width: W, height: H, channels: 1, classNames: ['long', 'short'], pixels, labels };
}

/** Pearson correlation of each class template (a column of W) with its own mirror image. */
function mirrorCorrelations(w: Float32Array, classes: number): number[] {
  return Array.from({ length: classes }, (_, c) => {
    const t = Float64Array.from({ length: W * H }, (_, p) => w[p * classes + c]);
    const m = Float64Array.from(t);
    mirrorImage(m, 0, { width: W, height: H, channels: 1 });
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    const [mt, mm] = [mean(t), mean(m)];
    let sab = 0, saa = 0, sbb = 0;
    for (let p = 0; p < t.length; p++) {
      sab += (t[p] - mt) * (m[p] - mm);
      saa += (t[p] - mt) ** 2;
      sbb += (m[p] - mm) ** 2;
    }
    return sab / Math.sqrt(saa * sbb);
  });
}

describe('mirror augmentation', () => {
  it('mirrorImage flips each row of each channel', () => {
    const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]); // 2×2 pixels, RGB
    mirrorImage(x, 0, { width: 2, height: 2, channels: 3 });
    expect(Array.from(x)).toEqual([4, 5, 6, 1, 2, 3, 10, 11, 12, 7, 8, 9]);
  });

  it('makes a linear model\'s templates left-right symmetric (correlation with their mirror ≥ 0.95); without it they are not', () => {
    const dataset = facingRight(200, 3);
    const rows = Int32Array.from({ length: dataset.labels.length }, (_, i) => i);
    const source = imageSource(dataset, rows, fitNormalization('scale', dataset, rows));
    const train = (augmentation?: TrainConfig['augmentation']) => {
      const trainer = new Trainer(config({
        inputSize: W * H, numClasses: 2, optimizer: { kind: 'sgd', lr: 0.05 }, batchSize: 20, epochs: 60, seed: 5,
        regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false }, ...(augmentation ? { augmentation } : {}),
      }), source);
      while (!trainer.finished) trainer.runEpoch();
      return { correlations: mirrorCorrelations(trainer.layerWeights()[0].w, 2), accuracy: trainer.evaluate(source).accuracy };
    };
    const plain = train();
    const mirrored = train({ mirror: { width: W, height: H, channels: 1 } });
    console.log(`template vs its mirror: plain ${plain.correlations.map((c) => c.toFixed(3))}, mirrored ${mirrored.correlations.map((c) => c.toFixed(3))}`);
    for (const c of mirrored.correlations) expect(c).toBeGreaterThanOrEqual(0.95);
    for (const c of plain.correlations) expect(c).toBeLessThan(0.8);
    expect(mirrored.accuracy).toBeGreaterThan(0.95); // still tells the classes apart
  });

  it('a mirror set up for another image size is refused', () => {
    expect(() => new Trainer(config({ inputSize: 4, numClasses: 2, augmentation: { mirror: { width: 3, height: 1, channels: 1 } } }),
      imageSource(facingRight(2, 1), Int32Array.from([0]), fitNormalization('scale', facingRight(2, 1), [0])))).toThrow(/3×1×1 images, the model reads 4/);
  });
});
