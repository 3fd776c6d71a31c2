/**
 * One training loop: `lab train` and the app's training service (a real worker thread)
 * run the same loop and record through the same recorder, so the same config, data and
 * seed leave the same rows in their SQLite files.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { LabStore } from '../../../src-main/store';
import { TrainingService } from '../../../src-main/training';
import { tempFolder } from '../store/helpers';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder('lab-one-loop-');
});
afterEach(() => folder.cleanup());

function lab(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src-main/cli/lab.ts', ...args], { cwd: root, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Every row a run left, as stored. Throughput (samples a second) is wall-clock time, so it is left out. */
function recordedRows(file: string, runId: number): { metrics: Record<string, unknown>[]; checkpoints: unknown[]; run: unknown } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      metrics: db.prepare("SELECT split, name, epoch, step, value FROM metrics WHERE run_id = ? AND name != 'samplesPerSecond' ORDER BY split, name, step").all(runId) as Record<string, unknown>[],
      checkpoints: db.prepare('SELECT epoch, step, reason, hex(state) AS state FROM checkpoints WHERE run_id = ? ORDER BY step').all(runId),
      run: db.prepare(`SELECT config, seed, data, split, status, epochs_done, steps_done, error, train_data_loss, train_penalty, train_accuracy, val_data_loss, val_accuracy, splits
                       FROM runs WHERE id = ?`).get(runId),
    };
  } finally {
    db.close();
  }
}

it('a CLI run and an app run of the same config and seed record identical metrics and checkpoints', async () => {
  const cliDb = folder.file('cli.db');
  const result = await lab([
    'train', '--toy', 'spiral', '--samples', '200', '--model', 'mlp:16', '--opt', 'momentum', '--lr', '0.1', '--reg', 'l1:0.001', '--prox',
    '--batch', '16', '--epochs', '4', '--seed', '9', '--threads', '1', '--json', '--db', cliDb,
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const cliRunId = Number(JSON.parse(result.stdout.trimEnd().split('\n').at(-1)!).runId);

  // The app trains what the CLI recorded (config, data spec, split) in a worker thread,
  // writing every mini-batch as the CLI does (the app's default merges rows of fast runs).
  const appDb = folder.file('app.db');
  const store = new LabStore(appDb);
  const service = new TrainingService(store, { maxConcurrent: 1, maxStepRowsPerSecond: Infinity });
  try {
    const recorded = new LabStore(cliDb);
    const cliRun = recorded.requireRun(cliRunId);
    recorded.close();
    const appRun = service.start({ config: cliRun.config, data: cliRun.data, split: cliRun.split });
    expect((await service.waitFor(appRun.id)).status).toBe('done');

    const cli = recordedRows(cliDb, cliRunId);
    const app = recordedRows(appDb, appRun.id);
    const stepsPerEpoch = Math.ceil(180 / 16);
    const isHealth = (row: Record<string, unknown>) => String(row.name).startsWith('health.');
    // batch rows; train/val losses, lr, sparsity per epoch; and the layer health rows of each epoch
    expect(cli.metrics.filter((row) => !isHealth(row)).length).toBe(4 * stepsPerEpoch * 4 + 4 * (8 + 1 + 4));
    expect(cli.metrics.filter(isHealth).length).toBeGreaterThan(0);
    expect(cli.checkpoints.map((c) => (c as { reason: string }).reason)).toEqual(['epoch', 'epoch', 'epoch', 'epoch', 'final']);
    expect(app.metrics).toEqual(cli.metrics);
    expect(app.checkpoints).toEqual(cli.checkpoints);
    expect(app.run).toEqual(cli.run);
  } finally {
    await service.shutdown();
    store.close();
  }
}, 180_000);
