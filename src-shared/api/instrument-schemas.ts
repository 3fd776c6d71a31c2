/**
 * Schemas of the instrument channels (issue 19): space warping on a run's own images,
 * changing a paused run's course, re-running a run and comparing the two, and sweeps.
 */

import { z } from 'zod';
import { channelCount, entityId, nameText, runRecord, runStatus } from './schemas';
import { courseChangeSchema } from '../training/course';
import { runProvenanceSchema } from '../training/replay';
import { sweepAxesSchema, sweepMetricSchema, sweepRecordSchema } from '../training/sweep';

// ── space warping on real images ───────────────────────────────────────────────────

export const imageWarpRequest = z.strictObject({
  runId: entityId,
  /** validation samples shown (the first ones of each class in turn) */
  maxPoints: z.number().int('must be a whole number').min(10, 'must be at least 10').max(600, 'must be at most 600').default(240),
});

export const imageWarpResponse = z.strictObject({
  runId: entityId,
  classNames: z.array(z.string()),
  /** class of each point, [n] */
  labels: z.array(z.number().int().nonnegative()),
  /** what a point is: an image (pixels of all points, base64 uint8, n × H×W×C, as imported) or a toy point */
  input: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('image'), width: z.number().int().positive(), height: z.number().int().positive(), channels: channelCount, pixels: z.string() }),
    z.strictObject({ kind: z.literal('vector'), size: z.number().int().positive() }),
  ]),
  spaces: z.array(z.strictObject({ name: z.string(), width: z.number().int().positive(), shown: z.number() })),
  frames: z.array(z.strictObject({
    epoch: z.number().int().nonnegative(),
    checkpointId: entityId,
    /** per space, [u0, v0, u1, v1, …] */
    points: z.array(z.array(z.number())),
    /** per space, nearest-class-centre accuracy in the plane */
    separation: z.array(z.number()),
  })),
});

// ── change course, replay ──────────────────────────────────────────────────────────

export const changeCourseRequest = z
  .strictObject({
    id: entityId,
    lr: z.number().positive('must be above 0').max(10, 'must be at most 10').optional(),
    l1: z.number().nonnegative('must be 0 or more').max(10, 'must be at most 10').optional(),
    l2: z.number().nonnegative('must be 0 or more').max(10, 'must be at most 10').optional(),
  })
  .refine((r) => r.lr !== undefined || r.l1 !== undefined || r.l2 !== undefined, { message: 'give a new learning rate (lr) or λ (l1, l2)', path: ['lr'] });

export const runCourse = z.strictObject({
  runId: entityId,
  /** the run's config as it trains now (the original with the changes applied) */
  current: z.strictObject({ lr: z.number(), l1: z.number(), l2: z.number() }),
  changes: z.array(courseChangeSchema),
});

export const replayInfo = z.strictObject({
  runId: entityId,
  provenance: runProvenanceSchema.nullable(),
  /** the run this one re-runs, if any */
  replayOf: entityId.nullable(),
  /** re-runs of this run, newest last */
  replays: z.array(entityId),
});

const valueDifference = z.strictObject({ compared: z.number().int(), differing: z.number().int(), maxAbsDifference: z.number(), missing: z.number().int() });

export const replayComparison = z.strictObject({
  original: runRecord,
  replay: runRecord,
  /** both finished and every compared number is bit-identical */
  identical: z.boolean(),
  /** same kernel path and threads, app version and dataset content: bit-identical is expected */
  sameSetup: z.boolean(),
  setupDifferences: z.array(z.strictObject({ what: z.string(), original: z.string(), replay: z.string() })),
  weights: valueDifference.nullable(),
  metrics: valueDifference,
  series: z.array(z.strictObject({ split: z.string(), name: z.string(), difference: valueDifference })),
});

// ── sweeps ─────────────────────────────────────────────────────────────────────────

export const sweepRecord = sweepRecordSchema;

export const startSweepRequest = z.strictObject({
  /** the run whose config, data and split every cell starts from */
  baseRunId: entityId,
  name: nameText.optional(),
  axes: sweepAxesSchema,
  metric: sweepMetricSchema.default('valAccuracy'),
});

export const sweepState = z.strictObject({
  sweep: sweepRecord,
  cells: z.array(z.strictObject({
    i: z.number().int().nonnegative(),
    j: z.number().int().nonnegative(),
    runId: entityId,
    status: runStatus,
    /** the heatmap's number: the metric of the run's last epoch (null until it has one) */
    value: z.number().nullable(),
  })),
  /** runs in a final status (done, cancelled, failed, diverged) */
  finished: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
