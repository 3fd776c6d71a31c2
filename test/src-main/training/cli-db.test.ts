/** `lab train` records its runs in the lab database (--db, default: the app's), as the app would. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Trainer } from '../../../src-shared/engine/trainer';
import { decodeTrainerState } from '../../../src-shared/engine/state';
import { runSources } from '../../../src-shared/training/run-data';
import { createNodeKernels } from '../../../src-main/kernels/node-kernels';
import { LabStore } from '../../../src-main/store';
import { tempFolder } from '../store/helpers';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder('lab-cli-db-');
});
afterEach(() => folder.cleanup());

function lab(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src-main/cli/lab.ts', ...args], { cwd: root, timeout: 60_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const train = ['train', '--toy', 'spiral', '--samples', '150', '--model', 'mlp:16', '--opt', 'momentum', '--lr', '0.1', '--batch', '16', '--epochs', '3', '--seed', '4', '--threads', '1', '--json'];

it('records config, metrics, checkpoints and status, with data the app can rebuild', async () => {
  const dbPath = folder.file('lab.db');
  const result = await lab([...train, '--db', dbPath]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const summary = JSON.parse(result.stdout.trimEnd().split('\n').at(-1)!);

  const store = new LabStore(dbPath);
  const run = store.getRun(Number(summary.runId))!;
  expect(run).toMatchObject({
    origin: 'cli', status: 'done', config: summary.config, seed: 4, epochsDone: 3, error: null,
    data: { kind: 'toy', toy: 'spiral', samples: 150, seed: 4 },
    split: { val: 0.1, test: 0, seed: 4 },
  });
  expect(run.finishedAt).not.toBeNull();
  expect(run.summary.valAccuracy).toBe(summary.val.accuracy);
  const stepsPerEpoch = Math.ceil(135 / 16); // 150 samples, 10% held out
  expect(run.stepsDone).toBe(3 * stepsPerEpoch);
  expect(store.metricNames(run.id).find((m) => m.split === 'batch' && m.name === 'loss')!.count).toBe(3 * stepsPerEpoch);
  expect(store.metricSeries(run.id, 'train', 'loss').points.map((p) => p.value)).toHaveLength(3);
  // the initial weights, every epoch but the last, then the final state; the weights' sparsity with each epoch
  expect(store.listCheckpoints(run.id).map((c) => [c.epoch, c.step, c.reason])).toEqual([
    [0, 0, 'epoch'], [1, stepsPerEpoch, 'epoch'], [2, 2 * stepsPerEpoch, 'epoch'], [3, 3 * stepsPerEpoch, 'final'],
  ]);
  expect(store.metricSeries(run.id, 'train', 'nearZeroFraction').points.map((p) => p.epoch)).toEqual([1, 2, 3]);

  // The recorded data spec rebuilds the CLI's exact validation set: the final weights score on it as the CLI reported.
  const final = store.checkpointState(store.listCheckpoints(run.id).at(-1)!.id);
  const { train: trainSet, val } = runSources({ kind: 'toy', spec: run.data as Extract<typeof run.data, { kind: 'toy' }>, split: run.split });
  const trainer = new Trainer(run.config, trainSet, val, { state: decodeTrainerState(final.state), kernels: await createNodeKernels({ threads: 1 }) });
  const again = trainer.evaluate(val!);
  expect(again.accuracy).toBe(summary.val.accuracy);
  expect(again.loss).toBeCloseTo(summary.val.loss, 5);
  store.close();
});

it('uses the app\'s database by default, and says clearly when --db cannot be opened', async () => {
  const dbPath = folder.file('default/lab.db');
  const recorded = await lab(train, { NEURAL_LAB_DB: dbPath });
  expect(recorded.code).toBe(0);
  const runId = Number(JSON.parse(recorded.stdout.trimEnd().split('\n').at(-1)!).runId);
  const store = new LabStore(dbPath);
  expect(store.getRun(runId)).toMatchObject({ origin: 'cli', status: 'done' });
  store.close();

  const missing = await lab([...train, '--db', folder.file('nowhere/lab.db')]);
  expect(missing.code).toBe(1);
  expect(missing.stderr.trimEnd().split('\n')).toEqual([`lab: cannot open database ${folder.file('nowhere/lab.db')}: folder ${folder.file('nowhere')} does not exist`]);
});
