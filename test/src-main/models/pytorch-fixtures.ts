/**
 * What the PyTorch project tests share: running the real `lab` CLI and Debian's PyTorch
 * (/usr/bin/python3), reading the files train.py writes, and comparing its weights with
 * the lab's checkpoint.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TrainerState } from '../../../src-shared/engine/types';
import { featureSize } from '../../../src-shared/features/transforms';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const PYTHON = '/usr/bin/python3';
export const TORCHRUN = '/usr/bin/torchrun';

export interface Result { code: number; stdout: string; stderr: string }

export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd ?? root, timeout: 300_000, env: { ...process.env, ...options.env }, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The real `lab` command. */
export const lab = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src-main/cli/lab.ts', ...args]);

export interface MetricLine { split?: string; epoch?: number; step?: number; loss?: number; accuracy?: number; neuralLab?: string; mode?: string; worldSize?: number }
export const readMetrics = (path: string): MetricLine[] => readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as MetricLine);

/** {name: float32 values} of a safetensors file (F32 tensors only). */
export function readSafetensors(path: string): Map<string, Float32Array> {
  const bytes = readFileSync(path);
  const length = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + length).toString('utf8')) as Record<string, { dtype: string; data_offsets: [number, number] }>;
  const tensors = new Map<string, Float32Array>();
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__' || info.dtype !== 'F32') continue;
    const [begin, end] = info.data_offsets;
    const slice = bytes.subarray(8 + length + begin, 8 + length + end);
    tensors.set(name, new Float32Array(slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.byteLength)));
  }
  return tensors;
}

/**
 * The largest difference between the lab's parameters in `state` and PyTorch's in
 * `weights` (Linear weights are the lab's transposed), how many were compared, and how
 * many weights each side holds at exactly zero.
 */
export function compareWeights(state: TrainerState, weights: Map<string, Float32Array>): { worst: number; compared: number; labZeros: number; torchZeros: number } {
  const { model } = state.config;
  let inputs = model.features ? featureSize(model.features) : model.inputSize;
  let worst = 0;
  let compared = 0;
  let labZeros = 0;
  let torchZeros = 0;
  model.hidden.map((h) => h.units).concat(model.numClasses).forEach((units, layer) => {
    const w = state.params[2 * layer];
    const b = state.params[2 * layer + 1];
    const torchW = weights.get(`layers.${2 * layer}.weight`);
    const torchB = weights.get(`layers.${2 * layer}.bias`);
    if (!torchW || !torchB || torchW.length !== w.length || torchB.length !== b.length) {
      throw new Error(`layer ${layer + 1}: PyTorch's tensors do not have the lab's ${inputs}×${units} shape`);
    }
    for (let i = 0; i < inputs; i++) {
      for (let j = 0; j < units; j++) worst = Math.max(worst, Math.abs(torchW[j * inputs + i] - w[i * units + j]));
    }
    for (let j = 0; j < units; j++) worst = Math.max(worst, Math.abs(torchB[j] - b[j]));
    labZeros += w.filter((x) => x === 0).length;
    torchZeros += torchW.filter((x) => x === 0).length;
    compared += w.length + b.length;
    inputs = units;
  });
  return { worst, compared, labZeros, torchZeros };
}
