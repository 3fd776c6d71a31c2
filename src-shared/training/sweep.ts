/**
 * Sweeps: two hyperparameters over a grid, one run per cell, trained through the queue as
 * one experiment. Here: which settings can be swept, how a cell's config is made from the
 * base config, and the heatmap of a finished (or running) sweep.
 */
import { z } from 'zod';
import type { RegularizerSpec, TrainConfig } from '../engine/types';

export const SWEEP_PARAMS = ['lr', 'l1', 'l2', 'batchSize', 'width', 'epochs', 'seed'] as const;
export type SweepParam = (typeof SWEEP_PARAMS)[number];

export const SWEEP_PARAM_LABELS: Record<SweepParam, string> = {
  lr: 'learning rate', l1: 'λ1 (L1)', l2: 'λ2 (L2)', batchSize: 'batch size', width: 'hidden width', epochs: 'epochs', seed: 'seed',
};

/** Values along one axis: at most 8, so a sweep is at most 64 runs. */
export const MAX_SWEEP_VALUES = 8;

const wholeParams: readonly SweepParam[] = ['batchSize', 'width', 'epochs', 'seed'];

export const sweepAxisSchema = z
  .strictObject({
    param: z.enum(SWEEP_PARAMS),
    values: z.array(z.number().finite('must be a finite number')).min(1, 'needs at least one value').max(MAX_SWEEP_VALUES, `at most ${MAX_SWEEP_VALUES} values`),
  })
  .superRefine((axis, ctx) => {
    axis.values.forEach((v, i) => {
      const problem = valueProblem(axis.param, v);
      if (problem) ctx.addIssue({ code: 'custom', path: ['values', i], message: `${SWEEP_PARAM_LABELS[axis.param]} ${problem}, got ${v}` });
    });
    if (new Set(axis.values).size !== axis.values.length) ctx.addIssue({ code: 'custom', path: ['values'], message: 'values must differ' });
  });

export const sweepAxesSchema = z.tuple([sweepAxisSchema, sweepAxisSchema]).refine(([a, b]) => a.param !== b.param, { message: 'the two axes must sweep different settings' });

export type SweepAxis = z.infer<typeof sweepAxisSchema>;
export type SweepAxes = z.infer<typeof sweepAxesSchema>;

export const SWEEP_METRICS = ['valAccuracy', 'zeroFraction'] as const;
export const sweepMetricSchema = z.enum(SWEEP_METRICS);
export type SweepMetric = z.infer<typeof sweepMetricSchema>;

/** A sweep as the store keeps it; its runs belong to experiment `experimentId`. */
export const sweepRecordSchema = z.strictObject({
  id: z.number().int().positive(),
  experimentId: z.number().int().positive(),
  name: z.string(),
  /** the run the cells were made from (null once deleted) */
  baseRunId: z.number().int().positive().nullable(),
  axes: sweepAxesSchema,
  metric: sweepMetricSchema,
  createdAt: z.number().int(),
});
export type SweepRecord = z.infer<typeof sweepRecordSchema>;

/** Cell (i, j) of a sweep: row value i of the first axis, column value j of the second. */
export interface SweepCell {
  i: number;
  j: number;
  runId: number;
}

function valueProblem(param: SweepParam, v: number): string | null {
  if (wholeParams.includes(param) && !Number.isInteger(v)) return 'must be a whole number';
  if (param === 'lr' && !(v > 0 && v <= 10)) return 'must be above 0 and at most 10';
  if ((param === 'l1' || param === 'l2') && !(v >= 0 && v <= 10)) return 'must be from 0 to 10';
  if ((param === 'batchSize' || param === 'width') && !(v >= 1 && v <= 4096)) return 'must be from 1 to 4096';
  if (param === 'epochs' && !(v >= 1 && v <= 10_000)) return 'must be from 1 to 10,000';
  if (param === 'seed' && !(v >= 0 && v <= 2 ** 31 - 1)) return 'must be from 0 to 2³¹ − 1';
  return null;
}

/**
 * A regulariser with λ1 (or λ2) set, its kind widened to include it when the value is above
 * 0; L1 brought in this way uses the proximal step (exact zeros), as L1 twins do.
 */
function withStrength(r: RegularizerSpec, which: 'l1' | 'l2', value: number): RegularizerSpec {
  const had = { l1: r.kind === 'l1' || r.kind === 'elastic', l2: r.kind === 'l2' || r.kind === 'elastic' };
  const has = { ...had, [which]: had[which] || value > 0 };
  const kind = has.l1 && has.l2 ? 'elastic' : has.l1 ? 'l1' : has.l2 ? 'l2' : 'none';
  return { ...r, [which]: value, kind, proximal: has.l1 && !had.l1 ? true : r.proximal };
}

/** `base` with one swept setting changed. */
export function withSetting(base: TrainConfig, param: SweepParam, value: number): TrainConfig {
  const config = structuredClone(base);
  switch (param) {
    case 'lr': config.optimizer.lr = value; break;
    case 'l1': config.regularizer = withStrength(config.regularizer, 'l1', value); break;
    case 'l2': config.regularizer = withStrength(config.regularizer, 'l2', value); break;
    case 'batchSize': config.batchSize = value; break;
    case 'epochs': config.epochs = value; break;
    case 'seed': config.seed = value; break;
    case 'width':
      if (config.model.hidden.length === 0) throw new RangeError('a linear model has no hidden width to sweep; add a hidden layer first');
      config.model.hidden = config.model.hidden.map((h) => ({ ...h, units: value }));
      break;
  }
  return config;
}

/** The config of cell (i, j): the first axis's i-th value and the second's j-th. */
export function sweepCellConfig(base: TrainConfig, axes: SweepAxes, i: number, j: number): TrainConfig {
  return withSetting(withSetting(base, axes[0].param, axes[0].values[i]), axes[1].param, axes[1].values[j]);
}

/** "lr 0.01 · λ2 0.001": a cell's name. */
export function sweepCellName(axes: SweepAxes, i: number, j: number): string {
  return `${axes[0].param} ${axes[0].values[i]} · ${axes[1].param} ${axes[1].values[j]}`;
}
