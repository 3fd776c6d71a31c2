/** Reading back the metrics.jsonl train.py writes: good files become epochs and rows; bad lines are named. */
import { describe, expect, it } from 'vitest';
import { MetricsFileError, parseMetricsFile } from '../../../src-shared/export/pytorch/metrics';
import type { TrainConfig } from '../../../src-shared/engine/types';

const config: TrainConfig = {
  model: { inputSize: 4, numClasses: 2, hidden: [{ units: 3, activation: 'relu' }] },
  loss: 'softmax',
  regularizer: { kind: 'l1', l1: 0.01, l2: 0, proximal: true },
  optimizer: { kind: 'adam', lr: 0.01 },
  schedule: { kind: 'constant' },
  batchSize: 2,
  epochs: 2,
  seed: 1,
};
const header = { neuralLab: 'metrics', version: 1, runId: 3, experimentId: null, name: 'r', mode: 'replay', fromEpoch: 0, device: 'cpu', worldSize: 1, torch: '1.13.0', config };
const sparsity = { zeroFraction: 0.5, nearZeroFraction: 0.6, firstLayerZeroFraction: 0.4, firstLayerNearZeroFraction: 0.5 };
const file = (...lines: object[]) => [header, ...lines].map((l) => JSON.stringify(l)).join('\n') + '\n';

describe('parseMetricsFile', () => {
  it('turns train and val lines into epochs, batch and test lines into rows, null into NaN', () => {
    const parsed = parseMetricsFile(file(
      { split: 'batch', epoch: 1, step: 1, loss: 0.9, dataLoss: 0.8, regLoss: 0.1, accuracy: 0.5 },
      { split: 'batch', epoch: 1, step: 2, loss: null, dataLoss: 0.7, regLoss: 0.1, accuracy: 0.5 },
      { split: 'train', epoch: 1, step: 2, loss: 0.7, dataLoss: 0.6, regLoss: 0.1, accuracy: 0.75, lr: 0.01, samplesPerSecond: 100, ...sparsity },
      { split: 'val', epoch: 1, step: 2, loss: 0.8, dataLoss: 0.7, regLoss: 0.1, accuracy: 0.5 },
      { split: 'test', epoch: 1, step: 2, loss: 0.85, dataLoss: 0.75, regLoss: 0.1, accuracy: 0.5 },
    ));
    expect(parsed.header.runId).toBe(3);
    expect(parsed.epochs).toEqual([{
      epoch: 1, step: 2, lr: 0.01, samplesPerSecond: 100, weights: sparsity,
      train: { loss: 0.7, dataLoss: 0.6, regLoss: 0.1, accuracy: 0.75 },
      val: { loss: 0.8, dataLoss: 0.7, regLoss: 0.1, accuracy: 0.5 },
    }]);
    expect(parsed.rows.filter((r) => r.split === 'batch')).toHaveLength(8);
    expect(parsed.rows.find((r) => r.split === 'batch' && r.step === 2 && r.name === 'loss')!.value).toBeNaN();
    expect(parsed.rows.filter((r) => r.split === 'test').map((r) => r.name)).toEqual(['loss', 'dataLoss', 'regLoss', 'accuracy']);
  });

  it('names the line and the problem of a bad file', () => {
    const bad = (text: string) => () => parseMetricsFile(text, 'm.jsonl');
    expect(bad('')).toThrow(new MetricsFileError('m.jsonl is empty'));
    expect(bad('epoch,loss\n1,0.5\n')).toThrow(/^m\.jsonl, line 1: not JSON/);
    expect(bad(JSON.stringify({ ...header, neuralLab: 'other' }))).toThrow(/^m\.jsonl, line 1: not a Neural Lab metrics header \(neuralLab:/);
    expect(bad(file({ split: 'train', epoch: 0, step: 1, loss: 1 }))).toThrow(/^m\.jsonl, line 2: epoch:/);
    expect(bad(file({ split: 'batch', epoch: 1, step: 1, loss: 'high' }))).toThrow(/^m\.jsonl, line 2: loss:/);
    expect(bad(file({ split: 'batch', epoch: 1, step: 1, 'x; DROP': 1 }))).toThrow(/line 2: "x; DROP" is not a metric name/);
    expect(bad(file({ split: 'train', epoch: 1, step: 1, loss: 1, dataLoss: 1, regLoss: 0 }))).toThrow(/epoch 1 has no accuracy/);
    expect(bad(file())).toThrow(/holds a header but no measurements/);
    expect(bad(`${file({ split: 'batch', epoch: 1, step: 1, loss: 1 })}{"split": "batch", "epo`)).toThrow(/line 3: not JSON/);
  });
});
