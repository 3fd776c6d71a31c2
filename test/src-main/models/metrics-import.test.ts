/**
 * The metrics round trip's way back keeps the lab's loss meanings: a train.py metrics file's
 * "dataLoss" and "regLoss" become the imported run's data loss and penalty λR(W), and its
 * "loss" (their sum) the total series, never the summary's data loss.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore } from '../../../src-main/store';
import { importRunMetrics } from '../../../src-main/models/metrics-import';
import { smallConfig, tempFolder, toyData, toySplit } from '../store/helpers';

let folder: ReturnType<typeof tempFolder>;
let store: LabStore;
beforeEach(() => {
  folder = tempFolder('lab-metrics-import-');
  store = new LabStore(folder.file('lab.db'));
});
afterEach(() => {
  store.close();
  folder.cleanup();
});

describe('metrics import', () => {
  it('records the file\'s data loss and penalty apart, as a run of the lab records them', () => {
    const config = smallConfig({ regularizer: { kind: 'l1', l1: 0.01, l2: 0, proximal: true } });
    const source = store.createRun({ name: 'l1 run', config, data: toyData, split: toySplit });
    const header = { neuralLab: 'metrics', version: 1, runId: source.id, experimentId: null, name: 'l1 run', mode: 'replay', fromEpoch: 0, device: 'cpu', worldSize: 1, torch: '1.13', config };
    const lines = [
      header,
      { split: 'batch', epoch: 1, step: 5, loss: 1.3, dataLoss: 1.1, regLoss: 0.2, accuracy: 0.5 },
      { split: 'train', epoch: 1, step: 5, loss: 1.25, dataLoss: 1.0, regLoss: 0.25, accuracy: 0.55, lr: 0.1 },
      { split: 'val', epoch: 1, step: 5, loss: 1.45, dataLoss: 1.2, regLoss: 0.25, accuracy: 0.5 },
      { split: 'train', epoch: 2, step: 10, loss: 0.9, dataLoss: 0.6, regLoss: 0.3, accuracy: 0.75, lr: 0.1 },
      { split: 'val', epoch: 2, step: 10, loss: 1.0, dataLoss: 0.7, regLoss: 0.3, accuracy: 0.7 },
    ];
    const { run } = importRunMetrics(store, lines.map((l) => JSON.stringify(l)).join('\n'), 'replay.jsonl');
    expect(run.summary).toEqual({ trainDataLoss: 0.6, trainPenalty: 0.3, trainAccuracy: 0.75, valDataLoss: 0.7, valAccuracy: 0.7 });
    expect(store.metricSeries(run.id, 'train', 'loss').points.map((p) => p.value)).toEqual([1.25, 0.9]);
  });
});
