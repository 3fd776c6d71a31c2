/**
 * Small models trained with the real engine on a synthetic image dataset: each class is a
 * bright blob in its own corner on noise, so a linear model learns recognisable templates.
 */
import type { ImageDataset } from '../../../src-shared/data/dataset';
import { imageSource } from '../../../src-shared/data/image-source';
import { fitNormalization, type NormalizationKind } from '../../../src-shared/data/normalize';
import { Trainer } from '../../../src-shared/engine/trainer';
import type { ActivationKind, LossKind, TrainConfig } from '../../../src-shared/engine/types';
import type { TrainedModel } from '../../../src-shared/export/model';
import { Rng } from '../../../src-shared/random';

export interface SmallModelOptions {
  width?: number;
  height?: number;
  channels?: 1 | 3;
  hidden?: { units: number; activation: ActivationKind; alpha?: number }[];
  loss?: LossKind;
  normalization?: NormalizationKind;
  classes?: number;
  perClass?: number;
  epochs?: number;
  seed?: number;
}

/** Images [n × H×W×C] of `classes` classes: class k is a bright square in region k on noise. */
export function blobDataset(options: SmallModelOptions = {}): ImageDataset {
  const { width = 8, height = 6, channels = 3, classes = 3, perClass = 20, seed = 7 } = options;
  const rng = new Rng(seed);
  const n = classes * perClass;
  const pixels = new Uint8Array(n * width * height * channels);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % classes;
    labels[i] = k;
    const x0 = Math.floor((k * width) / classes);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let c = 0; c < channels; c++) {
          const inBlob = x >= x0 && x < x0 + Math.ceil(width / classes) && y < height / 2;
          const base = inBlob ? 200 + 20 * ((c + k) % channels) : 40;
          pixels[((i * height + y) * width + x) * channels + c] = Math.max(0, Math.min(255, Math.round(base + 30 * rng.normal())));
        }
      }
    }
  }
  return { width, height, channels, classNames: Array.from({ length: classes }, (_, k) => `class ${String.fromCharCode(97 + k)}`), pixels, labels };
}

export function smallModel(options: SmallModelOptions = {}): { model: TrainedModel; dataset: ImageDataset; trainer: Trainer } {
  const dataset = blobDataset(options);
  const rows = Array.from({ length: dataset.labels.length }, (_, i) => i);
  const normalization = fitNormalization(options.normalization ?? 'per-channel', dataset, rows);
  const source = imageSource(dataset, rows, normalization);
  const config: TrainConfig = {
    model: { inputSize: source.inputSize, numClasses: dataset.classNames.length, hidden: options.hidden ?? [] },
    loss: options.loss ?? 'softmax',
    regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false },
    optimizer: { kind: 'sgd', lr: 0.05 },
    schedule: { kind: 'constant' },
    batchSize: 8,
    epochs: options.epochs ?? 3,
    seed: options.seed ?? 3,
  };
  const trainer = new Trainer(config, source);
  let last;
  while (!trainer.finished) last = trainer.runEpoch();
  const model: TrainedModel = {
    name: 'blobs "test" model',
    architecture: config.model,
    loss: config.loss,
    classNames: dataset.classNames,
    input: {
      kind: 'image',
      preprocessing: { width: dataset.width, height: dataset.height, channels: dataset.channels, fit: 'cover', background: [255, 255, 255] },
      normalization,
    },
    layers: trainer.layerWeights(),
    training: config,
    metrics: { epochs: trainer.epoch, train: { loss: last!.train.loss, accuracy: last!.train.accuracy } },
    appVersion: '0.1.0-test',
    createdAt: '2025-01-02T03:04:05.000Z',
    origin: { runId: 12, checkpointId: 34, epoch: trainer.epoch, step: trainer.step },
  };
  return { model, dataset, trainer };
}

/** The same bits in both float32 arrays. */
export function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  return x.every((v, i) => v === y[i]);
}
