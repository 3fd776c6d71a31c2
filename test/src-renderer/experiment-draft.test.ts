import { describe, expect, it } from 'vitest';
import { trainConfig } from '../../src-shared/api/schemas';
import {
  checkDraft, dataShape, defaultDraft, draftConfig, draftData, draftForSaving, draftKey, layer, presets, restoreDraft, suggestedLearningRate, switchDataKind, twinRegularizers,
  type Draft,
} from '../../src-renderer/views/experiment/draft';
import type { Dataset } from '../../src-renderer/state/types';

const sample: Dataset = {
  id: 4,
  name: 'Fashion-MNIST sample',
  source: 'builtin',
  createdAt: 0,
  width: 28,
  height: 28,
  channels: 1,
  classNames: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
  samples: { train: 1800, val: 200, test: 500 },
  skippedFiles: 0,
};
const draft: Draft = { ...defaultDraft, datasetId: 4 };

describe('the new-experiment form', () => {
  it('turns every preset into a config the contract accepts, shaped to the dataset', () => {
    for (const preset of presets) {
      const d = preset.apply(draft);
      expect(checkDraft(d, [sample])).toEqual({});
      const config = draftConfig(d, dataShape(d, [sample])!);
      expect(trainConfig.safeParse(config).success).toBe(true);
      expect(config.model.inputSize).toBe(784);
      expect(config.model.numClasses).toBe(10);
    }
    expect(draftConfig(presets[2].apply(draft), { inputSize: 784, numClasses: 10 }).model.hidden.map((h) => h.units)).toEqual([128, 64]);
  });
  it('names the field of each problem, in words', () => {
    const bad = { ...draft, regKind: 'l1' as const, lr: -1, lrAuto: false, epochs: 2.5, batchSize: Number.NaN, hidden: [layer(0)], l1: 50, valPercent: 60 };
    const errors = checkDraft(bad, [sample]);
    expect(errors.lr).toMatch(/> 0/);
    expect(errors.epochs).toMatch(/whole number/);
    expect(errors.batchSize).toBe('Enter a number');
    expect(errors['hidden.0.units']).toMatch(/at least 1/);
    expect(errors.l1).toMatch(/10/);
    expect(errors.valPercent).toBeDefined();
    expect(errors.datasetId).toBeUndefined();
  });
  it('asks for a dataset when none is chosen, and checks toy data instead when that is the source', () => {
    expect(checkDraft({ ...draft, datasetId: null }, []).datasetId).toMatch(/Import a dataset/);
    expect(checkDraft({ ...draft, datasetId: 99 }, [sample]).datasetId).toBe('Choose a dataset');
    const toy = { ...draft, dataKind: 'toy' as const, toy: 'spiral' as const, toyClasses: 4, toySamples: 5 };
    expect(checkDraft(toy, []).toySamples).toBeDefined();
    expect(dataShape({ ...toy, toySamples: 300 }, [])).toMatchObject({ inputSize: 2, numClasses: 4 });
    expect(draftData({ ...toy, toySamples: 300 })).toEqual({ kind: 'toy', toy: 'spiral', samples: 300, noise: 0.2, seed: 1, classes: 4 });
  });
  it('applies only the chosen regularizer to a single run', () => {
    const d = { ...draft, regKind: 'l1' as const, l1: 1e-4, l2: 5e-3, proximal: true };
    expect(draftConfig(d, { inputSize: 784, numClasses: 10 }).regularizer).toEqual({ kind: 'l1', l1: 1e-4, l2: 0, proximal: true });
    expect(draftConfig({ ...d, regKind: 'elastic' }, { inputSize: 784, numClasses: 10 }).regularizer).toEqual({ kind: 'elastic', l1: 1e-4, l2: 5e-3, proximal: true });
  });
  it('trains the L1 twin with the λ for L1 and the L2 twin with the λ for L2, whatever the single run uses', () => {
    const d = { ...draft, l1: 1e-4, l2: 5e-3, proximal: true };
    const expected = (proximal: boolean) => [
      { kind: 'l1', l1: 1e-4, l2: 0, proximal },
      { kind: 'l2', l1: 0, l2: 5e-3, proximal: false },
    ];
    for (const regKind of ['l1', 'l2', 'elastic'] as const) expect(twinRegularizers({ ...d, regKind })).toEqual(expected(true));
    expect(twinRegularizers({ ...d, regKind: 'none', proximal: false })).toEqual(expected(false));
    // both fields are the twins': each must be valid even when the single run uses neither
    expect(checkDraft({ ...draft, regKind: 'none', l2: 50 }, [sample]).l2).toBe('Between 0 and 10');
    expect(checkDraft({ ...draft, regKind: 'none', l1: 50 }, [sample]).l1).toBe('Between 0 and 10');
  });

  it('suggests learning rates that fit the input: the built-in sample\'s for 784 scaled pixels, smaller for photos, Adam unscaled', () => {
    expect(suggestedLearningRate('momentum', 784, 'scale')).toBe(0.05);
    expect(suggestedLearningRate('sgd', 784, 'scale')).toBe(0.1);
    expect(suggestedLearningRate('momentum', 3072, 'scale')).toBe(0.013);
    expect(suggestedLearningRate('momentum', 3072, 'mean-image')).toBe(0.048);
    expect(suggestedLearningRate('adam', 3072, 'scale')).toBe(0.001);
    expect(suggestedLearningRate('momentum', 2, null)).toBe(0.05);
    const photos: Dataset = { ...sample, id: 5, width: 32, height: 32, channels: 3 };
    const d = { ...draft, datasetId: 5 };
    expect(draftConfig(d, dataShape(d, [photos])!).optimizer.lr).toBe(0.013);
    // a learning rate the user typed stays
    expect(draftConfig({ ...d, lr: 0.2, lrAuto: false }, dataShape(d, [photos])!).optimizer.lr).toBe(0.2);
  });

  it('switching to toy data brings a hidden layer and more epochs (and back), unless the user changed the model', () => {
    const toy = switchDataKind(draft, 'toy');
    expect(toy.hidden.map((h) => h.units)).toEqual([100]);
    expect([toy.batchSize, toy.epochs]).toEqual([32, 100]);
    expect(switchDataKind(toy, 'dataset')).toMatchObject({ hidden: [], batchSize: 64, epochs: 20 });
    const custom = { ...draft, epochs: 7 };
    expect(switchDataKind(custom, 'toy')).toMatchObject({ dataKind: 'toy', hidden: [], epochs: 7 });
  });

  it('feature transforms: in the config when they fit the data, a named problem when not', () => {
    const toy = { ...switchDataKind(draft, 'toy'), features: 'polar' as const };
    expect(draftConfig(toy, dataShape(toy, [])!).model.features).toEqual({ kind: 'polar' });
    const hog = { ...draft, features: 'hog' as const };
    expect(draftConfig(hog, dataShape(hog, [sample])!).model.features).toEqual({ kind: 'hog', width: 28, height: 28, channels: 1, cell: 8, bins: 9 });
    expect(checkDraft(hog, [sample])).toEqual({});
    expect(checkDraft({ ...hog, normalization: 'mean-image' }, [sample]).features).toMatch(/Scale to \[0, 1\]/);
    expect(checkDraft({ ...toy, features: 'hog' }, []).features).toMatch(/for images/);
    expect(checkDraft({ ...draft, features: 'polar' }, [sample]).features).toMatch(/for 2-D points/);
  });
});

describe('a remembered draft', () => {
  it('comes back field by field, layers included', () => {
    const edited: Draft = { ...draft, epochs: 7, lr: 0.02, name: 'mine', hidden: [layer(96, 'tanh')] };
    const restored = restoreDraft(JSON.parse(JSON.stringify(draftForSaving(edited))));
    expect({ ...restored, hidden: restored.hidden.map(({ units, activation }) => ({ units, activation })) }).toEqual({ ...edited, hidden: [{ units: 96, activation: 'tanh' }] });
    expect(draftKey(edited)).toBe('dataset:4');
    expect(draftKey({ ...edited, dataKind: 'toy' })).toBe('toy');
  });

  it('falls back to the defaults for fields of the wrong type, unknown activations and junk', () => {
    const restored = restoreDraft({ epochs: 'many', lr: 0.5, hidden: [{ units: 10, activation: 'swish' }, { units: 20, activation: 'relu' }], extra: 1 });
    expect(restored.epochs).toBe(defaultDraft.epochs);
    expect(restored.lr).toBe(0.5);
    expect(restored.hidden.map((h) => h.units)).toEqual([20]);
    expect('extra' in restored).toBe(false);
    expect(restoreDraft('nonsense')).toEqual(defaultDraft);
  });

  it('reads a draft saved before "normalization" was spelled the American way, and saves only the new key', () => {
    const { normalization: _, ...saved } = draftForSaving({ ...draft, epochs: 9 });
    const restored = restoreDraft(JSON.parse(JSON.stringify({ ...saved, normalisation: 'mean-image' }))); // spelling: keep
    expect(restored).toMatchObject({ normalization: 'mean-image', epochs: 9 });
    expect(Object.keys(draftForSaving(restored))).not.toContain('normalisation'); // spelling: keep
    // a draft with both keys was saved by this version: its own key wins
    expect(restoreDraft({ ...saved, normalization: 'per-channel', normalisation: 'mean-image' }).normalization).toBe('per-channel'); // spelling: keep
  });
});
