import { describe, expect, it } from 'vitest';
import { decodeTrainerState } from '../../../src-shared/engine/state';
import { Trainer } from '../../../src-shared/engine/trainer';
import type { TrainConfig } from '../../../src-shared/engine/types';
import { configAt, describeCourseChange, type CourseChange } from '../../../src-shared/training/course';
import { workerMessageSchema, type FinalWorkerMessage, type RunWorkerInput, type WorkerMessage } from '../../../src-shared/training/messages';
import { runTrainingSession } from '../../../src-shared/training/run-loop';
import { runSources } from '../../../src-shared/training/run-data';

const config: TrainConfig = {
  model: { inputSize: 2, numClasses: 3, hidden: [{ units: 10, activation: 'relu' }] },
  loss: 'softmax', regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false },
  optimizer: { kind: 'momentum', lr: 0.05 }, schedule: { kind: 'constant' }, batchSize: 16, epochs: 4, seed: 9,
};
const data: RunWorkerInput['data'] = { kind: 'toy', spec: { kind: 'toy', toy: 'moons', samples: 200, noise: 0.1, seed: 3 }, split: { val: 0.2, test: 0, seed: 2 } };
// 160 training samples, 10 steps an epoch; the change lands mid-epoch 2
const change: CourseChange = { step: 15, epoch: 1.5, lr: 0.01, l2: 0.02, at: 1 };

async function session(input: Partial<RunWorkerInput>, pauseAtStep?: number): Promise<{ messages: WorkerMessage[]; final: FinalWorkerMessage }> {
  const messages: WorkerMessage[] = [];
  let now = 0;
  let step = 0;
  const { final } = await runTrainingSession({ runId: 1, config, data, state: null, checkpointEvery: 0, checkpointMinIntervalMs: 0, progressIntervalMs: 0, maxStepRowsPerSecond: Infinity, ...input }, {
    post: (m) => {
      const parsed = workerMessageSchema.parse(m);
      if (parsed.type === 'progress') step = parsed.step;
      messages.push(parsed);
    },
    request: () => (pauseAtStep !== undefined && step >= pauseAtStep ? 'pause' : null),
    yieldToEvents: () => Promise.resolve(),
    checkpointsStored: () => Promise.resolve(),
    now: () => (now += 1),
  });
  return { messages, final };
}

function weightsOf(final: FinalWorkerMessage): Float32Array[] {
  if (!('state' in final)) throw new Error(`no state in ${final.type}`);
  return decodeTrainerState(final.state).params;
}

describe('changing course mid-run', () => {
  it('applies the changes up to a step, in step order', () => {
    const later: CourseChange = { step: 30, epoch: 3, lr: 0.2, at: 2 };
    expect(configAt(config, [later, change], 14).optimizer.lr).toBe(0.05);
    expect(configAt(config, [later, change], 15)).toMatchObject({ optimizer: { lr: 0.01 }, regularizer: { l2: 0.02 } });
    expect(configAt(config, [later, change], 40).optimizer.lr).toBe(0.2);
    expect(config.optimizer.lr).toBe(0.05); // the original is left alone
    expect(describeCourseChange(change, config)).toBe('lr 0.05 → 0.01, λ2 0.001 → 0.02');
  });

  it('pause, change, resume ends bit for bit where a replay with the recorded change ends, and where training by hand does', async () => {
    const paused = await session({}, change.step);
    expect(paused.final).toMatchObject({ type: 'paused', step: change.step });
    const resumed = await session({ state: (paused.final as { state: Uint8Array }).state, course: [change] });
    expect(resumed.final.type).toBe('done');
    const replay = await session({ course: [change] });
    expect(replay.final.type).toBe('done');
    expect(weightsOf(replay.final)).toEqual(weightsOf(resumed.final));

    // by hand: 15 steps at the original settings, then the rest with the new ones
    const { train, val } = runSources(data);
    let trainer = new Trainer(config, train, val);
    for (let s = 0; s < change.step; s++) trainer.trainStep();
    trainer = new Trainer(configAt(config, [change], change.step), train, val, { state: trainer.saveState() });
    while (!trainer.finished) trainer.trainStep();
    expect(weightsOf(replay.final)).toEqual(trainer.saveState().params);

    // and the change made a difference: without it the run ends elsewhere
    const unchanged = await session({});
    expect(weightsOf(unchanged.final)).not.toEqual(weightsOf(replay.final));
    // the learning rate each epoch reports follows the change
    const lrs = replay.messages.flatMap((m) => (m.type === 'progress' ? m.epochReports.map((r) => r.lr) : []));
    expect(lrs).toEqual([0.05, 0.01, 0.01, 0.01]);
  });
});
