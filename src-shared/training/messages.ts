/**
 * What a training worker and the main process say to each other, and what the training
 * service tells its subscribers.
 *
 * main → worker: the run to train (as the Worker's `workerData`), then control requests
 * (`pause` / `cancel`) and `checkpoint-stored` acknowledgements.
 * worker → main: any number of `progress` and `checkpoint` messages, then exactly one
 * final message, `done | diverged | paused | cancelled | failed`, after which the worker
 * exits. Workers never touch the database: main writes what they report.
 *
 * A worker posts its next checkpoint only once main has acknowledged the previous one: a
 * fast run can never pile up states that main has yet to write, which would hold a
 * pause or cancel (and every other call) behind seconds of database work.
 */

import { z } from 'zod';
import type { ImageDataset, ImagePreprocessing } from '../data/dataset';
import { imageModelInputSchema, type NormalizationKind } from '../data/normalize';
import type { EpochMetrics, RunDataSpec, RunSplitCounts, RunSplitSpec, RunStatus, RunSummary } from './records';
import type { TrainConfig } from '../engine/types';
import type { RunPace } from './pace';
import type { CourseChange } from './course';

// ── main → worker ─────────────────────────────────────────────────────────────────

/**
 * An image dataset ready to cross into a worker: pixels and labels in SharedArrayBuffers,
 * so any number of runs (twins) read the same memory without copies.
 */
export type SharedImageDataset = Omit<ImageDataset, 'sources'>;

/** The samples a worker trains on: a toy spec it generates itself, or shared image data with split rows. */
export type WorkerData =
  | { kind: 'toy'; spec: Extract<RunDataSpec, { kind: 'toy' }>; split: RunSplitSpec }
  | { kind: 'images'; dataset: SharedImageDataset; train: Int32Array; val: Int32Array; normalization: NormalizationKind; preprocessing: ImagePreprocessing };

/** Everything a run worker needs, passed as the Worker's `workerData`. */
export interface RunWorkerInput {
  runId: number;
  config: TrainConfig;
  data: WorkerData;
  /** encodeTrainerState bytes to continue from; null starts fresh from config.seed */
  state: Uint8Array | null;
  /** learning-rate and λ changes made mid-run (see course.ts); `config` is the run's original */
  course?: readonly CourseChange[];
  /**
   * save a checkpoint after every this many epochs, and one of the initial weights (epoch 0)
   * when `state` is null (0: only the final or paused state)
   */
  checkpointEvery: number;
  /** …but an epoch's not sooner than this many milliseconds after the previous one (0: no spacing) */
  checkpointMinIntervalMs: number;
  /** the worker reports at most once per this many milliseconds (and before each checkpoint) */
  progressIntervalMs: number;
  /**
   * Per-step rows sent for the database, at most this many a second on average: a run
   * stepping faster sends means over runs of consecutive mini-batches instead (Infinity: every step).
   */
  maxStepRowsPerSecond: number;
  /** how fast to train at first (default real time); main sends changes as PaceMessages */
  pace?: RunPace;
}

/**
 * What the user asks of a training run. The worker reads requests between mini-batches,
 * so one takes effect at the next mini-batch. A cancel is never downgraded to a pause.
 */
export const controlMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('cancel') }),
]);
export type ControlMessage = z.infer<typeof controlMessageSchema>;

/** main → worker: a control request, or main has stored the checkpoint at `step` (the worker may send the next). */
export const mainToWorkerMessageSchema = z.discriminatedUnion('type', [
  ...controlMessageSchema.options,
  z.strictObject({ type: z.literal('checkpoint-stored'), step: z.number().int().nonnegative() }),
]);
export type MainToWorkerMessage = z.infer<typeof mainToWorkerMessageSchema>;

// ── worker → main ─────────────────────────────────────────────────────────────────

/** Any number, NaN and ±Infinity included: a diverging run reports them. */
const anyNumber = z.custom<number>((v) => typeof v === 'number', 'expected a number');
const count = z.number().int().nonnegative();
const runId = z.number().int().positive();

const lossReportSchema = z.strictObject({ dataLoss: anyNumber, regLoss: anyNumber, loss: anyNumber, accuracy: anyNumber });

/** One mini-batch as the worker saw it; `epoch` is 1-based. */
const stepRowSchema = z.strictObject({ epoch: count, step: count, dataLoss: anyNumber, regLoss: anyNumber, loss: anyNumber, accuracy: anyNumber });
export type StepRow = z.infer<typeof stepRowSchema>;

const fraction = z.number().min(0).max(1);

const splitCount = z.strictObject({ samples: count, majorityClass: z.string(), majorityAccuracy: fraction });
const runSplitCounts = z.strictObject({ train: splitCount, val: splitCount.nullable() }) satisfies z.ZodType<RunSplitCounts>;

const epochMetricsSchema = z.strictObject({
  epoch: count,
  step: count,
  train: lossReportSchema,
  val: lossReportSchema.optional(),
  lr: anyNumber,
  samplesPerSecond: anyNumber,
  weights: z.strictObject({ zeroFraction: fraction, nearZeroFraction: fraction, firstLayerZeroFraction: fraction, firstLayerNearZeroFraction: fraction }).optional(),
  health: z.array(z.strictObject({
    layer: z.number().int().positive(),
    deadFraction: fraction.nullable(),
    activation: z.array(anyNumber).nullable(),
    gradNorm: anyNumber,
    updateRatio: anyNumber.nullable(),
  })).optional(),
}) satisfies z.ZodType<EpochMetrics>;

const progressSchema = z.strictObject({
  type: z.literal('progress'),
  runId,
  /** epochs completed */
  epoch: count,
  epochs: count,
  step: count,
  stepsPerEpoch: count,
  /** wall-clock seconds trained since the previous message */
  trainSeconds: anyNumber,
  /** forward+backward+update samples per second over the steps in this message */
  samplesPerSecond: anyNumber,
  /** seconds left at this session's pace; null before the first step */
  etaSeconds: anyNumber.nullable(),
  /** every mini-batch since the previous message, in order */
  steps: z.array(stepRowSchema),
  /** every epoch completed since the previous message, in order */
  epochReports: z.array(epochMetricsSchema),
});

const bytesSchema = (what: string) => z.custom<Uint8Array>((v) => v instanceof Uint8Array, `expected ${what} bytes`);

/**
 * A saved point of training: the full resumable state (encodeTrainerState) and the float16
 * weights snapshot the history keeps once a later state replaces it (src-shared/training/history.ts).
 */
const savedFields = { runId, epoch: count, step: count, state: bytesSchema('trainer state'), snapshot: bytesSchema('weights snapshot') };

export const workerMessageSchema = z.discriminatedUnion('type', [
  progressSchema,
  /** sent once at the start of every session: how this worker computes (recorded for replay) */
  z.strictObject({ type: z.literal('kernels'), runId, kernel: z.string(), threads: z.number().int().positive() }),
  /** sent once at the start of every session, before any progress: the sizes and majority baselines of the run's splits */
  z.strictObject({ type: z.literal('splits'), runId, splits: runSplitCounts }),
  /** sent at the start of every image session: what the run's model reads, so main keeps it with the run */
  z.strictObject({ type: z.literal('input'), runId, input: imageModelInputSchema }),
  z.strictObject({ type: z.literal('checkpoint'), ...savedFields }),
  z.strictObject({ type: z.literal('done'), ...savedFields }),
  z.strictObject({ type: z.literal('diverged'), ...savedFields }),
  z.strictObject({ type: z.literal('paused'), ...savedFields }),
  z.strictObject({ type: z.literal('cancelled'), runId }),
  z.strictObject({ type: z.literal('failed'), runId, error: z.string() }),
]);

export type WorkerMessage = z.infer<typeof workerMessageSchema>;
export type ProgressMessage = z.infer<typeof progressSchema>;
export type FinalWorkerMessage = Extract<WorkerMessage, { type: 'done' | 'diverged' | 'paused' | 'cancelled' | 'failed' }>;
/** A message carrying a saved state (and its snapshot). */
export type SavedStateMessage = Extract<WorkerMessage, { type: 'checkpoint' | 'done' | 'diverged' | 'paused' }>;

export const FINAL_MESSAGE_TYPES: readonly FinalWorkerMessage['type'][] = ['done', 'diverged', 'paused', 'cancelled', 'failed'];

export function isFinalMessage(message: WorkerMessage): message is FinalWorkerMessage {
  return (FINAL_MESSAGE_TYPES as readonly string[]).includes(message.type);
}

// ── service → subscribers ─────────────────────────────────────────────────────────

/** Live numbers of one run, at most ~20 a second. Losses are null when not a finite number. */
export interface RunProgressEvent {
  runId: number;
  status: RunStatus;
  /** epochs completed */
  epoch: number;
  epochs: number;
  step: number;
  /** mini-batches per epoch, to draw progress within an epoch */
  stepsPerEpoch: number;
  /** mean over the mini-batches since the previous event: data loss, penalty λR(W), accuracy */
  dataLoss: number | null;
  regLoss: number | null;
  accuracy: number | null;
  /** the last completed epoch's numbers, as the run record's summary holds them once it stops (null fields: no epoch yet this session) */
  summary: RunSummary;
  samplesPerSecond: number;
  /** seconds left at the current speed; null while unknown */
  etaSeconds: number | null;
}

/** A worker session ended: the last event of every run (also sent on pause and interruption). */
export interface RunFinishedEvent {
  runId: number;
  status: 'done' | 'cancelled' | 'failed' | 'diverged' | 'paused' | 'interrupted';
  error: string | null;
}

/** Every status change (queued, running, …), including the final one. */
export interface RunStatusEvent {
  runId: number;
  status: RunStatus;
  error: string | null;
}

export interface TrainingEvents {
  progress: RunProgressEvent;
  finished: RunFinishedEvent;
  status: RunStatusEvent;
}
