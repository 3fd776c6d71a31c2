import { describe, expect, it } from 'vitest';
import { PROBE_SIZE, layerHealth, warpNetOf } from '../../../src-shared/analysis/layer-health';
import { Trainer } from '../../../src-shared/engine/trainer';
import type { TrainConfig } from '../../../src-shared/engine/types';
import { healthHistory, healthMetricNames, healthMetricRows } from '../../../src-shared/training/health-metrics';
import type { RunWorkerInput, WorkerMessage } from '../../../src-shared/training/messages';
import { workerMessageSchema } from '../../../src-shared/training/messages';
import { runTrainingSession } from '../../../src-shared/training/run-loop';
import { runSources } from '../../../src-shared/training/run-data';

const config: TrainConfig = {
  model: { inputSize: 2, numClasses: 3, hidden: [{ units: 12, activation: 'relu' }, { units: 6, activation: 'tanh' }] },
  loss: 'softmax', regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false },
  optimizer: { kind: 'momentum', lr: 0.05 }, schedule: { kind: 'constant' }, batchSize: 16, epochs: 3, seed: 4,
};
const data: RunWorkerInput['data'] = { kind: 'toy', spec: { kind: 'toy', toy: 'spiral', samples: 300, noise: 0.1, seed: 1 }, split: { val: 0.2, test: 0, seed: 2 } };

async function session(): Promise<WorkerMessage[]> {
  const messages: WorkerMessage[] = [];
  let now = 0;
  await runTrainingSession({ runId: 1, config, data, state: null, checkpointEvery: 0, checkpointMinIntervalMs: 0, progressIntervalMs: 0, maxStepRowsPerSecond: Infinity }, {
    post: (m) => messages.push(workerMessageSchema.parse(m)),
    request: () => null,
    yieldToEvents: () => Promise.resolve(),
    checkpointsStored: () => Promise.resolve(),
    now: () => (now += 1),
  });
  return messages;
}

describe('layer health recorded by the training loop', () => {
  it('reports every layer every epoch, equal to the health of the same training replayed by hand', async () => {
    const reports = (await session()).flatMap((m) => (m.type === 'progress' ? m.epochReports : []));
    expect(reports.map((r) => r.epoch)).toEqual([1, 2, 3]);

    // the same run by hand: the probe is the first validation samples; W is copied before each epoch's last step
    const { train, val } = runSources(data);
    const trainer = new Trainer(config, train, val);
    const n = Math.min(PROBE_SIZE, val!.length);
    const probe = new Float32Array(n * 2);
    val!.fillBatch(Int32Array.from({ length: n }, (_, i) => i), n, probe);
    const stepsPerEpoch = Math.ceil(train.length / config.batchSize);
    for (const report of reports) {
      let before: Float32Array[] = [];
      for (let s = 0; s < stepsPerEpoch; s++) {
        if (s === stepsPerEpoch - 1) before = trainer.network.dense.map((layer) => Float32Array.from(layer.w));
        trainer.trainStep();
      }
      // float64 by hand against the worker's float32 pass: the same to float32 precision
      const expected = layerHealth(warpNetOf(config.model, trainer.layerWeights()), probe, n, trainer.network.dense.map((l) => l.dw), before);
      report.health!.forEach((h, l) => {
        const e = expected[l];
        expect(h.layer).toBe(e.layer);
        expect(h.deadFraction).toBe(e.deadFraction);
        expect(h.gradNorm).toBe(e.gradNorm);
        expect(h.updateRatio).toBe(e.updateRatio);
        if (e.activation === null) expect(h.activation).toBeNull();
        else h.activation!.forEach((v, k) => expect(v).toBeCloseTo(e.activation![k], 5));
      });
    }
    const first = reports[0].health!;
    expect(first.map((h) => h.layer)).toEqual([1, 2, 3]);
    expect(first[0].deadFraction).toBeGreaterThanOrEqual(0);
    expect(first[1].deadFraction).toBeNull(); // tanh cannot die
    expect(first[2].activation).toBeNull(); // scores
    for (const h of first) {
      expect(h.gradNorm).toBeGreaterThan(0);
      expect(h.updateRatio).toBeGreaterThan(0);
    }
  });

  it('round-trips through metric rows and back, under the names a run of its model has', async () => {
    const reports = (await session()).flatMap((m) => (m.type === 'progress' ? m.epochReports : []));
    const series = new Map<string, { epoch: number[]; value: number[] }>();
    for (const r of reports) {
      for (const row of healthMetricRows(r.health!)) {
        const s = series.get(row.name) ?? { epoch: [], value: [] };
        s.epoch.push(r.epoch);
        s.value.push(row.value);
        series.set(row.name, s);
      }
    }
    expect([...series.keys()].sort()).toEqual([...healthMetricNames(config.model)].sort());
    const history = healthHistory([...series].map(([name, s]) => ({ name, ...s })), 3);
    expect(history).toEqual(reports.map((r) => ({ epoch: r.epoch, layers: r.health })));
  });
});
