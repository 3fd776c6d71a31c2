/**
 * The lessons of CONCEPTS.md as `lab train` shows them, on the real CLI (spawned through
 * tsx as `npm run lab` runs it): proximal L1 makes the spiral MLP sparse under Adam and
 * momentum, L2 does not; a fixed polar transform makes the rings linearly separable.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Summary {
  train: { accuracy: number; loss: number };
  weights: { count: number; zeroFraction: number };
  diverged: boolean;
  majorityBaseline: { className: string; accuracy: number };
}

function lab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src-main/cli/lab.ts', ...args], { cwd: root, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function train(...args: string[]): Promise<Summary> {
  const { code, stdout, stderr } = await lab('train', ...args, '--json');
  if (code !== 0) throw new Error(`lab train ${args.join(' ')} failed: ${stderr}`);
  return JSON.parse(stdout.trimEnd().split('\n').pop()!) as Summary;
}

const spiral = ['--toy', 'spiral', '--samples', '300', '--batch', '32', '--epochs', '300', '--seed', '1', '--model', 'mlp:100'];

describe('proximal L1 in the optimizer metric (spiral, mlp:100, 300 epochs)', () => {
  it('Adam lr 0.01: L1 0.003 with --prox zeroes at least half the weights at train accuracy ≥ 0.9; L2 0.003 zeroes none', async () => {
    const [l1, l2] = await Promise.all([
      train(...spiral, '--opt', 'adam', '--lr', '0.01', '--reg', 'l1:0.003', '--prox'),
      train(...spiral, '--opt', 'adam', '--lr', '0.01', '--reg', 'l2:0.003', '--prox'),
    ]);
    expect(l1.weights.count).toBe(2 * 100 + 100 * 3);
    expect(l1.weights.zeroFraction).toBeGreaterThanOrEqual(0.5);
    expect(l1.train.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(l2.weights.zeroFraction).toBe(0);
    expect(l1.diverged || l2.diverged).toBe(false);
  });

  it('momentum lr 0.01: L1 0.003 with --prox zeroes at least 30 % of the weights', async () => {
    const l1 = await train(...spiral, '--opt', 'momentum', '--lr', '0.01', '--reg', 'l1:0.003', '--prox');
    expect(l1.weights.zeroFraction).toBeGreaterThanOrEqual(0.3);
    expect(l1.train.accuracy).toBeGreaterThanOrEqual(0.85);
  });
});

describe('fixed feature transforms (--features)', () => {
  it('a linear model cannot separate the rings (train accuracy < 0.6), the same model on polar features can (≥ 0.97)', async () => {
    const [raw, polar] = await Promise.all([
      train('--toy', 'circles', '--model', 'linear'),
      train('--toy', 'circles', '--model', 'linear', '--features', 'polar'),
    ]);
    expect(raw.train.accuracy).toBeLessThan(0.6);
    expect(raw.majorityBaseline.accuracy).toBe(0.5); // what "always the same class" scores on the balanced rings
    expect(polar.train.accuracy).toBeGreaterThanOrEqual(0.97);
  });

  it('--help documents every transform; a transform for the other kind of data is refused in one line', async () => {
    const help = await lab('train', '--help');
    for (const kind of ['polar', 'polynomial', 'sincos', 'color-histogram', 'hog']) expect(help.stdout).toContain(kind);
    const wrong = await lab('train', '--toy', 'circles', '--features', 'hog');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trim()).toMatch(/^lab: --features hog is for image sources \(--data, --idx\)$/);
  });
});
