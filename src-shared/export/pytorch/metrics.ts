/**
 * The metrics file an exported project's train.py writes (JSON lines), read back into
 * the lab so its curves sit next to the lab's run in Compare. Line 1 names the run:
 *
 *   {"neuralLab": "metrics", "version": 1, "runId": 3, "mode": "replay", "config": {...}, ...}
 *
 * then one line per measurement: {"split": "batch"|"train"|"val"|"test", "epoch": 1,
 * "step": 12, "loss": 0.9, "accuracy": 0.6, ...}. Every other numeric field is a metric
 * of that name; null stands for a value that was not finite (a diverged run).
 */
import { z } from 'zod';
import { trainConfig } from '../../engine/config';
import type { EpochMetrics, MetricRow, MetricSplit, WeightSparsity } from '../../training/records';

export const metricsFileHeaderSchema = z.object({
  neuralLab: z.literal('metrics'),
  version: z.literal(1),
  runId: z.number().int().positive(),
  experimentId: z.number().int().positive().nullable(),
  name: z.string().max(500),
  mode: z.enum(['replay', 'continue']),
  fromEpoch: z.number().int().nonnegative(),
  device: z.string().max(100),
  worldSize: z.number().int().positive(),
  torch: z.string().max(100),
  config: trainConfig,
});

export type MetricsFileHeader = z.infer<typeof metricsFileHeaderSchema>;

const metricName = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const metricLineSchema = z.object({
  split: z.enum(['batch', 'train', 'val', 'test']),
  epoch: z.number().int().min(1),
  step: z.number().int().nonnegative(),
}).catchall(z.number().nullable());

/** Largest metrics file read (a year of batch lines is far less). */
export const MAX_METRICS_FILE_BYTES = 64 * 1024 * 1024;

export class MetricsFileError extends Error {
  override name = 'MetricsFileError';
}

export interface MetricsFile {
  header: MetricsFileHeader;
  /** per-epoch train (and val) numbers, as the store records an epoch */
  epochs: EpochMetrics[];
  /** everything else: batch and test values */
  rows: MetricRow[];
}

const LOSS_FIELDS = ['loss', 'dataLoss', 'regLoss', 'accuracy'] as const;
const SPARSITY_FIELDS: (keyof WeightSparsity)[] = ['zeroFraction', 'nearZeroFraction', 'firstLayerZeroFraction', 'firstLayerNearZeroFraction'];

/** Parses a metrics file; throws MetricsFileError naming the line and what is wrong with it. */
export function parseMetricsFile(text: string, fileName = 'the metrics file'): MetricsFile {
  if (text.length > MAX_METRICS_FILE_BYTES) throw new MetricsFileError(`${fileName} is larger than ${MAX_METRICS_FILE_BYTES / 1024 / 1024} MB`);
  const lines = text.split(/\r?\n/);
  const parsed = (index: number): unknown => {
    try {
      return JSON.parse(lines[index]);
    } catch {
      throw new MetricsFileError(`${fileName}, line ${index + 1}: not JSON (${lines[index].slice(0, 40)}…)`);
    }
  };
  if (lines[0].trim() === '') throw new MetricsFileError(`${fileName} is empty`);
  const head = metricsFileHeaderSchema.safeParse(parsed(0));
  if (!head.success) {
    const issue = head.error.issues[0];
    throw new MetricsFileError(`${fileName}, line 1: not a Neural Lab metrics header (${issue.path.join('.') || 'header'}: ${issue.message}); it is written by train.py of an exported PyTorch project`);
  }
  const byEpoch = new Map<number, Partial<Record<'train' | 'val', Record<string, number | null>>> & { step: number }>();
  const rows: MetricRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const line = metricLineSchema.safeParse(parsed(i));
    if (!line.success) {
      const issue = line.error.issues[0];
      throw new MetricsFileError(`${fileName}, line ${i + 1}: ${issue.path.join('.') || 'line'}: ${issue.message}`);
    }
    const { split, epoch, step, ...values } = line.data;
    const bad = Object.keys(values).find((name) => !metricName.test(name));
    if (bad !== undefined) throw new MetricsFileError(`${fileName}, line ${i + 1}: "${bad.slice(0, 40)}" is not a metric name`);
    if (split === 'train' || split === 'val') {
      const entry = byEpoch.get(epoch) ?? { step };
      entry[split] = values;
      entry.step = step;
      byEpoch.set(epoch, entry);
    } else {
      for (const [name, value] of Object.entries(values)) rows.push({ split: split as MetricSplit, name, epoch, step, value: value ?? NaN });
    }
  }
  const epochs: EpochMetrics[] = [];
  for (const [epoch, entry] of [...byEpoch].sort((a, b) => a[0] - b[0])) {
    if (!entry.train) throw new MetricsFileError(`${fileName}: epoch ${epoch} has validation numbers but no training numbers`);
    const loss = (values: Record<string, number | null>) => {
      const missing = LOSS_FIELDS.find((f) => values[f] === undefined);
      if (missing) throw new MetricsFileError(`${fileName}: epoch ${epoch} has no ${missing}`);
      return { loss: values.loss ?? NaN, dataLoss: values.dataLoss ?? NaN, regLoss: values.regLoss ?? NaN, accuracy: values.accuracy ?? NaN };
    };
    const train = entry.train;
    const hasSparsity = SPARSITY_FIELDS.every((f) => typeof train[f] === 'number');
    epochs.push({
      epoch,
      step: entry.step,
      train: loss(train),
      ...(entry.val ? { val: loss(entry.val) } : {}),
      lr: train.lr ?? NaN,
      samplesPerSecond: train.samplesPerSecond ?? 0,
      ...(hasSparsity ? { weights: Object.fromEntries(SPARSITY_FIELDS.map((f) => [f, train[f]!])) as unknown as WeightSparsity } : {}),
    });
  }
  if (epochs.length === 0 && rows.length === 0) throw new MetricsFileError(`${fileName} holds a header but no measurements (did train.py stop before its first step?)`);
  return { header: head.data, epochs, rows };
}
