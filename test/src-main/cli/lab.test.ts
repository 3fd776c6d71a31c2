/** The real `lab` CLI, spawned as a child process the way `npm run lab` runs it (through tsx). */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nativeDisabledByEnv } from '../../../src-main/kernels';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Result { code: number; stdout: string; stderr: string }

function lab(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src-main/cli/lab.ts', ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function expectUsageError(result: Result, message: RegExp) {
  expect(result.code).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^lab: /);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
}

describe('lab CLI', () => {
  it('unknown option, bad value and missing argument: one line on stderr, exit code 2', async () => {
    const [unknown, badValue, missing, noSource, extra, command] = await Promise.all([
      lab('train', '--toy', 'spiral', '--epochz', '3'),
      lab('train', '--toy', 'spiral', '--lr', 'fast'),
      lab('train', '--toy', 'spiral', '--batch'),
      lab('train', '--epochs', '3'),
      lab('train', '--toy', 'spiral', 'extra.png'),
      lab('fly'),
    ]);
    expectUsageError(unknown, /unknown option --epochz .*did you mean --epochs/);
    expectUsageError(badValue, /--lr expects a number > 0, got "fast"/);
    expectUsageError(missing, /--batch needs a value \(N\)/);
    expectUsageError(noSource, /no data source: give --toy/);
    expectUsageError(extra, /unexpected argument "extra.png"/);
    expectUsageError(command, /unknown command "fly"/);
  });

  it('--help lists the options of docs/cli.md', async () => {
    const help = await lab('train', '--help');
    expect(help.code).toBe(0);
    for (const option of ['--toy', '--samples', '--noise', '--data', '--idx', '--test-idx', '--size', '--gray', '--val-split', '--model', '--act',
      '--loss', '--reg', '--prox', '--opt', '--lr', '--batch', '--epochs', '--seed', '--threads', '--json', '--out', '--db']) {
      expect(help.stdout).toContain(option);
    }
  });

  it('train --json prints a line per epoch and the summary as the last line', async () => {
    const result = await lab('train', '--toy', 'spiral', '--samples', '150', '--model', 'mlp:20', '--reg', 'l1:0.05', '--prox',
      '--opt', 'momentum', '--lr', '0.1', '--batch', '16', '--epochs', '4', '--seed', '3', '--threads', '2', '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => /^epoch +\d+\/4 /.test(l))).toHaveLength(4);
    const summary = JSON.parse(lines[lines.length - 1]);
    expect(typeof summary.runId).toBe('string');
    expect(summary.runId.length).toBeGreaterThan(0);
    expect(summary.epochs).toBe(4);
    expect(summary.samplesPerSecond).toBeGreaterThan(0);
    for (const split of ['train', 'val'] as const) {
      expect(summary[split].loss).toBeGreaterThan(0);
      expect(summary[split].accuracy).toBeGreaterThanOrEqual(0);
      expect(summary[split].accuracy).toBeLessThanOrEqual(1);
    }
    expect(summary.test).toBeUndefined();
    expect(summary.weights.count).toBe(2 * 20 + 20 * 3); // weights only, no biases
    expect(summary.weights.zeroFraction).toBeGreaterThan(0); // proximal L1 zeroed some
    expect(summary.weights.nearZeroFraction).toBeGreaterThanOrEqual(summary.weights.zeroFraction);
    expect(summary.diverged).toBe(false);
    expect(summary.config.optimizer).toEqual({ kind: 'momentum', lr: 0.1 });
    expect(summary.config.regularizer).toEqual({ kind: 'l1', l1: 0.05, l2: 0, proximal: true });
    // which kernels trained, and where each epoch's time went
    expect(summary.kernels).toMatchObject({ path: nativeDisabledByEnv() ? 'wasm' : 'native', threads: 2 });
    expect(summary.epochSeconds).toHaveLength(4);
    for (const epoch of summary.epochSeconds) {
      expect(epoch.train).toBeGreaterThan(0);
      expect(epoch.evaluate).toBeGreaterThan(0);
      expect(epoch.record).toBeGreaterThan(0); // the run is recorded in the test database
    }

    // same seed: same result
    const again = await lab('train', '--toy', 'spiral', '--samples', '150', '--model', 'mlp:20', '--reg', 'l1:0.05', '--prox',
      '--opt', 'momentum', '--lr', '0.1', '--batch', '16', '--epochs', '4', '--seed', '3', '--json');
    const second = JSON.parse(again.stdout.trimEnd().split('\n').pop()!);
    expect(second.train).toEqual(summary.train);
    expect(second.runId).not.toBe(summary.runId);
  });

  it('reports a diverged run in the summary', async () => {
    const result = await lab('train', '--toy', 'blobs', '--model', 'mlp:10', '--lr', '1e30', '--epochs', '3', '--json');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/stopped: training diverged/);
    const summary = JSON.parse(result.stdout.trimEnd().split('\n').pop()!);
    expect(summary.diverged).toBe(true);
    expect(summary.stopReason).toBe('diverged');
  });
});
