/**
 * Every preset of the New experiment form converges on a small folder of real photos
 * (JPEGs written with sharp, imported by the app's folder importer): no divergence flag,
 * training accuracy above the majority-class baseline. A learning rate of 10 is flagged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFolder, type ImportResult } from '../../../../src-main/datasets';
import { majorityBaseline } from '../../../../src-shared/analysis/baseline';
import { fitNormalization } from '../../../../src-shared/data/normalize';
import { imageSource } from '../../../../src-shared/data/image-source';
import { Trainer } from '../../../../src-shared/engine/trainer';
import { createWasmKernelsSync } from '../../../../src-shared/kernels/wasm-kernels';
import type { TrainConfig } from '../../../../src-shared/engine/types';
import { dataShape, defaultDraft, draftConfig, presets, type Draft } from '../../../../src-renderer/views/experiment/draft';
import type { Dataset } from '../../../../src-renderer/state/types';
import { tempDir } from '../../../src-main/datasets/fixtures';
import { writePhotoFolder } from './photo-folder';

const folder = tempDir('presets');
let imported: ImportResult;

beforeAll(async () => {
  await writePhotoFolder(folder.path);
  // what the app does with a folder: 32×32 RGB, cover, 10 % validation
  imported = await importFolder(folder.path, { width: 32, height: 32, channels: 3, valFraction: defaultDraft.valPercent / 100, seed: 1 }, { cacheDir: null });
});
afterAll(() => folder.remove());

function train(draft: Draft, override?: Partial<TrainConfig['optimizer']>) {
  const { dataset, splits } = imported;
  const summary: Dataset = {
    id: 1, name: 'photos', source: 'folder', createdAt: 0, width: dataset.width, height: dataset.height, channels: dataset.channels,
    classNames: dataset.classNames, samples: { train: splits.train.length, val: splits.val.length, test: 0 }, skippedFiles: 0,
  };
  const d = { ...draft, datasetId: 1 };
  const base = draftConfig(d, dataShape(d, [summary])!);
  const config = { ...base, optimizer: { ...base.optimizer, ...override } };
  const normalization = fitNormalization(d.normalization, dataset, splits.train);
  const trainSource = imageSource(dataset, splits.train, normalization);
  // the WebAssembly kernels training workers use (fresh per trainer: their memory goes with it)
  const kernels = createWasmKernelsSync({ initialBytes: 16 * 2 ** 20 });
  const trainer = new Trainer(config, trainSource, imageSource(dataset, splits.val, normalization), { kernels });
  while (!trainer.finished) trainer.runEpoch();
  return { trainer, config, accuracy: trainer.evaluate(trainSource).accuracy, baseline: majorityBaseline(trainSource.labels).accuracy };
}

describe('presets on a 40-image two-class photo folder', () => {
  it('the folder is what the test claims: 40 images, the majority class 60 %', () => {
    expect(imported.dataset.labels.length).toBe(40);
    expect(majorityBaseline(imported.dataset.labels).accuracy).toBe(0.6);
  });

  for (const preset of presets) {
    it(`${preset.label}: finishes without divergence, above the majority baseline`, () => {
      const { trainer, config, accuracy, baseline } = train(preset.apply(defaultDraft));
      console.log(`${preset.label}: ${config.optimizer.kind} lr ${config.optimizer.lr}, train accuracy ${accuracy.toFixed(3)} vs baseline ${baseline.toFixed(3)}`);
      expect(trainer.stopReason).toBe('done');
      expect(accuracy).toBeGreaterThan(baseline);
    }, 180_000);
  }

  it('a learning rate of 10 is flagged as diverged', () => {
    const { trainer } = train(presets[0].apply(defaultDraft), { lr: 10 });
    expect(trainer.stopReason).toBe('diverged');
  });
});
