/**
 * The domain objects that cross the API, as zod schemas. The contract (contract.ts) builds
 * its channels from these; every type on either side of a transport is inferred from them.
 * Bounds reject absurd values at the door (a 10⁹-unit layer, a negative learning rate), so
 * the services behind the router only ever see plausible requests.
 */

import { z } from 'zod';
import { trainConfig } from '../engine/config';
import type { NormalizationKind } from '../data/normalize';
import type {
  CheckpointRecord,
  ExperimentRecord,
  MetricSplit,
  RunDataSpec,
  RunQuery,
  RunRecord,
  RunSortKey,
  RunSplitCounts,
  RunSplitSpec,
  RunStatus,
  RunSummary,
  SplitCount,
} from '../training/records';
import type { ToyKind } from '../toy/datasets';
import { LIMITS } from '../limits';
import type { RunFinishedEvent, RunProgressEvent, RunStatusEvent } from '../training/messages';

// ---------------------------------------------------------------- primitives

/** Database ids of datasets, experiments, runs and checkpoints (SQLite integer keys). */
export const entityId = z.number().int('must be a whole number').min(1, 'must be a positive id').max(Number.MAX_SAFE_INTEGER, 'is not a valid id');

/** Ids the renderer makes up itself to name a long job before it starts (imports), e.g. a random UUID. */
export const jobId = z.string().min(1, 'must not be empty').max(64, 'is too long').regex(/^[A-Za-z0-9_-]+$/, 'may hold only letters, digits, _ and -');

/** A file-system path typed or chosen by the user. Checked for existence by the service, not here. */
export const userPath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'is too long')
  .refine((p) => !p.includes('\0'), 'must not contain a NUL character');

const shortText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
export const nameText = shortText(200).min(1, 'must not be empty');
export const notesText = z.string().max(20_000, 'must be at most 20,000 characters');
export const tagText = shortText(50).min(1, 'must not be empty').regex(/^[^\s,][^,]*$/, 'must not contain commas');
export const tagList = z.array(tagText).max(32, 'at most 32 tags');

const finite = z.number().finite('must be a finite number');
/** Milliseconds since the epoch. */
export const timestamp = z.number().int().nonnegative();

// ---------------------------------------------------------------- training config (declared once, in engine/config.ts)

export { activationKind, augmentationSpec, hiddenLayerSpec, lossKind, modelSpec, optimizerSpec, regularizerSpec, scheduleSpec, trainConfig } from '../engine/config';

// ---------------------------------------------------------------- binary arrays

/**
 * A float32 array as base64 of its little-endian bytes: a third of the size of JSON
 * numbers and exact. Decode with `decodeFloat32` (encoding.ts).
 */
export const float32Base64 = z.strictObject({
  dtype: z.literal('float32'),
  length: z.number().int().nonnegative(),
  base64: z.string(),
});

// ---------------------------------------------------------------- app

/** A start-up event worth telling the user (see src-main/store/recovery.ts). */
export const startupNotice = z.strictObject({
  kind: z.enum(['database-set-aside', 'database-backed-up']),
  level: z.enum(['warning', 'info']),
  message: z.string(),
  /** the set-aside file or the backup */
  path: z.string(),
});

export const appInfo = z.strictObject({
  name: z.string(),
  version: z.string(),
  /** which transport serves this API */
  mode: z.enum(['desktop', 'web']),
  /** where the database and caches live */
  dataDir: z.string(),
  platform: z.string(),
  versions: z.strictObject({ node: z.string(), electron: z.string().optional(), chrome: z.string().optional() }),
  /** runs allowed to train at once */
  maxConcurrentRuns: z.number().int().positive(),
  /** true where choose* channels open native dialogs; in web mode the UI shows path fields */
  nativeDialogs: z.boolean(),
  /** what the user should hear about from start-up: a damaged database set aside (warning), a backup before an upgrade (info) */
  notices: z.array(startupNotice),
});

// ---------------------------------------------------------------- datasets

export const fitMode = z.enum(['cover', 'contain', 'fill']);
export const channelCount = z.union([z.literal(1), z.literal(3)]);
const imageSide = z.number().int('must be a whole number')
  .min(LIMITS.minImageSide, `must be at least ${LIMITS.minImageSide} pixels`).max(LIMITS.imageSide, `must be at most ${LIMITS.imageSide} pixels`);

/** How images are turned into samples; every field has a default. */
export const importOptions = z.strictObject({
  width: imageSide.default(32),
  height: imageSide.default(32),
  channels: channelCount.default(3),
  fit: fitMode.default('cover'),
  /** share of each class held out for validation when the folder has no val/ split */
  valFraction: finite.min(0).max(0.5, 'must be at most 0.5').default(0.1),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  /** identical files: keep the first of each group (the others are listed as skipped), or keep every copy */
  dropDuplicates: z.boolean().default(true),
});

export const skipReason = z.enum([
  'not-an-image', 'corrupt', 'unsupported-format', 'too-many-pixels', 'unreadable',
  'symlink-loop', 'empty-file', 'outside-class-folder', 'duplicate',
]);

export const classCount = z.strictObject({
  className: z.string(),
  train: z.number().int().nonnegative(),
  val: z.number().int().nonnegative(),
  test: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});

export const importReport = z.strictObject({
  source: z.string(),
  layout: z.enum(['class-folders', 'split-folders', 'idx']),
  width: z.number().int(),
  height: z.number().int(),
  channels: channelCount,
  classNames: z.array(z.string()),
  counts: z.array(classCount),
  filesSeen: z.number().int().nonnegative(),
  imported: z.number().int().nonnegative(),
  skipped: z.array(z.strictObject({ path: z.string(), reason: skipReason, detail: z.string() })),
  duplicates: z.array(z.strictObject({ hash: z.string(), paths: z.array(z.string()), crossClass: z.boolean(), crossSplit: z.boolean() })),
  warnings: z.array(z.string()),
  /** largest over smallest class; null when a class is empty (JSON has no Infinity) */
  imbalanceRatio: z.number().nullable(),
  cacheHits: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
  /** hash of the decoded pixels and labels: tells when a folder changed */
  contentHash: z.string(),
});

export const datasetSummary = z.strictObject({
  id: entityId,
  name: z.string(),
  source: z.string(),
  createdAt: timestamp,
  width: z.number().int(),
  height: z.number().int(),
  channels: channelCount,
  classNames: z.array(z.string()),
  samples: z.strictObject({ train: z.number().int(), val: z.number().int(), test: z.number().int() }),
  skippedFiles: z.number().int().nonnegative(),
});

export const importProgressEvent = z.strictObject({
  jobId,
  phase: z.enum(['scanning', 'decoding']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  file: z.string(),
});

// ---------------------------------------------------------------- experiments

export const experimentRecord = z.strictObject({
  id: entityId,
  name: z.string(),
  notes: z.string(),
  tags: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
  runCount: z.number().int().nonnegative(),
}) satisfies z.ZodType<ExperimentRecord>;

// ---------------------------------------------------------------- runs

export const runStatus = z.enum(['queued', 'running', 'paused', 'done', 'cancelled', 'failed', 'diverged', 'interrupted']) satisfies z.ZodType<RunStatus>;
export const toyKind = z.enum(['spiral', 'circles', 'xor', 'moons', 'blobs']) satisfies z.ZodType<ToyKind>;
export const normalizationKind = z.enum(['scale', 'mean-image', 'per-channel']) satisfies z.ZodType<NormalizationKind>;
const seed = z.number().int('must be a whole number').min(0, 'must be ≥ 0').max(0xffffffff, 'must fit in 32 bits');

export const runDataSpec = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('toy'),
    toy: toyKind,
    samples: z.number().int().min(10, 'must be at least 10').max(LIMITS.toySamples, `must be at most ${LIMITS.toySamples.toLocaleString('en-US')}`),
    noise: finite.min(0).max(1),
    seed,
    classes: z.number().int().min(2).max(10).optional(),
  }),
  z.strictObject({ kind: z.literal('dataset'), datasetId: entityId, normalization: normalizationKind }),
]) satisfies z.ZodType<RunDataSpec>;

export const runSplitSpec = z
  .strictObject({ val: finite.min(0).max(0.5), test: finite.min(0).max(0.5), seed })
  .refine((s) => s.val + s.test < 0.9, { message: 'val + test must leave at least 10% for training', path: ['val'] }) satisfies z.ZodType<RunSplitSpec>;

const nullableMetric = z.number().nullable();

const splitCount = z.strictObject({ samples: z.number().int().nonnegative(), majorityClass: z.string(), majorityAccuracy: z.number().min(0).max(1) }) satisfies z.ZodType<SplitCount>;
const runSummary = z.strictObject({ trainDataLoss: nullableMetric, trainPenalty: nullableMetric, trainAccuracy: nullableMetric, valDataLoss: nullableMetric, valAccuracy: nullableMetric }) satisfies z.ZodType<RunSummary>;
export const runSplitCounts = z.strictObject({ train: splitCount, val: splitCount.nullable() }) satisfies z.ZodType<RunSplitCounts>;

export const runRecord = z.strictObject({
  id: entityId,
  experimentId: entityId.nullable(),
  name: z.string(),
  config: trainConfig,
  seed: z.number().int(),
  datasetId: entityId.nullable(),
  data: runDataSpec,
  split: z.strictObject({ val: z.number(), test: z.number(), seed: z.number() }),
  appVersion: z.string(),
  origin: z.enum(['app', 'cli']),
  status: runStatus,
  twinGroup: z.string().nullable(),
  epochsDone: z.number().int().nonnegative(),
  stepsDone: z.number().int().nonnegative(),
  error: z.string().nullable(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
  updatedAt: timestamp,
  trainSeconds: z.number().nonnegative(),
  summary: runSummary,
  splits: runSplitCounts.nullable(),
}) satisfies z.ZodType<RunRecord>;

export const runSortKey = z.enum(['createdAt', 'name', 'status', 'trainDataLoss', 'valDataLoss', 'valAccuracy', 'trainAccuracy', 'trainSeconds']) satisfies z.ZodType<RunSortKey>;

export const runQuery = z.strictObject({
  status: z.array(runStatus).max(8).optional(),
  experimentId: entityId.optional(),
  tag: tagText.optional(),
  text: z.string().max(200).optional(),
  twinGroup: z.string().max(100).optional(),
  sort: runSortKey.optional(),
  descending: z.boolean().optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
  offset: z.number().int().min(0).max(1_000_000_000).optional(),
}) satisfies z.ZodType<RunQuery>;

export const metricSplit = z.enum(['batch', 'train', 'val', 'test']) satisfies z.ZodType<MetricSplit>;

/**
 * One downsampled series, columnar (compact over JSON). `value` is null where the run
 * produced NaN or ±Infinity (a diverged run), because JSON has no such numbers.
 */
export const metricSeries = z.strictObject({
  split: metricSplit,
  name: z.string(),
  /** points before downsampling */
  total: z.number().int().nonnegative(),
  epoch: z.array(z.number()),
  step: z.array(z.number()),
  value: z.array(z.number().nullable()),
});

export const checkpointRecord = z.strictObject({
  id: entityId,
  runId: entityId,
  epoch: z.number().int().nonnegative(),
  step: z.number().int().nonnegative(),
  reason: z.enum(['epoch', 'pause', 'final']),
  bytes: z.number().int().nonnegative(),
  createdAt: timestamp,
}) satisfies z.ZodType<CheckpointRecord>;

/** One dense layer at a checkpoint. `w` is [inputs × units] row-major, as in the engine. */
export const layerWeights = z.strictObject({
  inputs: z.number().int().positive(),
  units: z.number().int().positive(),
  activation: z.enum(['relu', 'leaky-relu', 'sigmoid', 'tanh', 'identity', 'none']),
  w: float32Base64,
  b: float32Base64,
});

export const runProgressEvent = z.strictObject({
  runId: entityId,
  status: runStatus,
  /** epochs completed */
  epoch: z.number().int().nonnegative(),
  epochs: z.number().int().positive(),
  step: z.number().int().nonnegative(),
  /** mini-batches per epoch, to draw progress within an epoch */
  stepsPerEpoch: z.number().int().nonnegative(),
  dataLoss: nullableMetric,
  regLoss: nullableMetric,
  accuracy: nullableMetric,
  summary: runSummary,
  samplesPerSecond: z.number().nonnegative(),
  /** seconds left at the current speed; null while unknown */
  etaSeconds: z.number().nonnegative().nullable(),
}) satisfies z.ZodType<RunProgressEvent>;

export const runFinishedEvent = z.strictObject({
  runId: entityId,
  status: z.enum(['done', 'cancelled', 'failed', 'diverged', 'paused', 'interrupted']),
  error: z.string().nullable(),
}) satisfies z.ZodType<RunFinishedEvent>;

export const runStatusEvent = z.strictObject({
  runId: entityId,
  status: runStatus,
  error: z.string().nullable(),
}) satisfies z.ZodType<RunStatusEvent>;

/** Another process (the lab CLI) changed the database: runs, datasets or experiments may be new. */
export const labChangedEvent = z.strictObject({ at: timestamp });

export const menuCommand = z.strictObject({
  command: z.enum(['import-folder', 'import-sample', 'new-experiment', 'show-runs', 'show-datasets', 'about']),
});
