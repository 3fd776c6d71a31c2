/**
 * A real image folder (PNG files written with sharp) and a model trained on it with the
 * real engine, imported through the dataset service exactly as the app and CLI do.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { importFolder, type ImportResult } from '../../../src-main/datasets';
import { imageSource } from '../../../src-shared/data/image-source';
import { fitNormalization } from '../../../src-shared/data/normalize';
import { Trainer } from '../../../src-shared/engine/trainer';
import type { HiddenLayerSpec, TrainConfig } from '../../../src-shared/engine/types';
import type { TrainedModel } from '../../../src-shared/export/model';
import { Rng } from '../../../src-shared/random';
import { rawImage, writeBytes, type Rgb } from '../datasets/fixtures';

export const CLASS_COLORS: Record<string, Rgb> = { red: [220, 40, 40], green: [40, 200, 60], blue: [50, 60, 220] };

/** `perClass` noisy 20×16 PNGs per class in `root/<class>/`; returns every file path. */
export async function writeImageFolder(root: string, perClass = 8, seed = 5): Promise<string[]> {
  const rng = new Rng(seed);
  const files: string[] = [];
  for (const [name, [r, g, b]] of Object.entries(CLASS_COLORS)) {
    for (let i = 0; i < perClass; i++) {
      const jitter = () => Math.round(40 * rng.normal());
      const clamp = (v: number) => Math.max(0, Math.min(255, v));
      const raw = rawImage(20, 16, (x, y) => (x + y) % 5 === 0 ? [clamp(255 + jitter()), clamp(255 + jitter()), clamp(255 + jitter())] : [clamp(r + jitter()), clamp(g + jitter()), clamp(b + jitter())]);
      const png = await sharp(raw, { raw: { width: 20, height: 16, channels: 3 } }).png().toBuffer();
      const path = join(root, name, `${name}-${i}.png`);
      writeBytes(path, png);
      files.push(path);
    }
  }
  return files;
}

export const PREPROCESSING = { width: 8, height: 6, channels: 3 as const, fit: 'cover' as const };

export function trainConfig(inputSize: number, hidden: HiddenLayerSpec[] = [{ units: 6, activation: 'relu' }]): TrainConfig {
  return {
    model: { inputSize, numClasses: 3, hidden },
    loss: 'softmax',
    regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false },
    optimizer: { kind: 'sgd', lr: 0.05 },
    schedule: { kind: 'constant' },
    batchSize: 8,
    epochs: 3,
    seed: 11,
  };
}

/** Imports `root`, trains on its training split, and returns the model as an export would describe it. */
export async function trainOnFolder(root: string, split = { val: 0.25, test: 0, seed: 11 }): Promise<{ model: TrainedModel; trainer: Trainer; imported: ImportResult }> {
  const imported = await importFolder(root, { ...PREPROCESSING, valFraction: split.val, testFraction: split.test, seed: split.seed }, { cacheDir: null });
  const { dataset, splits } = imported;
  const normalization = fitNormalization('per-channel', dataset, splits.train);
  const train = imageSource(dataset, splits.train, normalization);
  const config = trainConfig(train.inputSize);
  const trainer = new Trainer(config, train, imageSource(dataset, splits.val, normalization));
  let last;
  while (!trainer.finished) last = trainer.runEpoch();
  const model: TrainedModel = {
    name: 'colors',
    architecture: config.model,
    loss: config.loss,
    classNames: dataset.classNames,
    input: { kind: 'image', preprocessing: imported.preprocessing, normalization },
    layers: trainer.layerWeights(),
    training: config,
    metrics: { epochs: trainer.epoch, train: { loss: last!.train.loss, accuracy: last!.train.accuracy } },
    appVersion: '0.1.0',
    createdAt: new Date(0).toISOString(),
    origin: null,
  };
  return { model, trainer, imported };
}
