/**
 * Changing course mid-run: the learning rate or λ of a paused run can be changed before it
 * resumes. A run keeps its original config; each change is recorded with the step it takes
 * effect at, so the run's config at any step is the original with the changes up to that
 * step applied, and a replay from scratch makes the same changes at the same steps.
 */
import { z } from 'zod';
import type { TrainConfig } from '../engine/types';

const positive = z.number().positive().finite();
const strength = z.number().nonnegative().finite();

export const courseChangeSchema = z.strictObject({
  /** the change applies from this global mini-batch count on (the step a paused run resumes at) */
  step: z.number().int().nonnegative(),
  /** completed epochs at that point, to place the marker on per-epoch curves */
  epoch: z.number().nonnegative(),
  lr: positive.optional(),
  l1: strength.optional(),
  l2: strength.optional(),
  /** when it was made (ms since 1970) */
  at: z.number().int().nonnegative(),
});

export type CourseChange = z.infer<typeof courseChangeSchema>;

/** `config` with every change up to and including `step` applied, in step order. */
export function configAt(config: TrainConfig, course: readonly CourseChange[], step: number): TrainConfig {
  const out = structuredClone(config);
  for (const change of [...course].sort((a, b) => a.step - b.step)) {
    if (change.step > step) break;
    if (change.lr !== undefined) out.optimizer.lr = change.lr;
    if (change.l1 !== undefined) out.regularizer.l1 = change.l1;
    if (change.l2 !== undefined) out.regularizer.l2 = change.l2;
  }
  return out;
}

/** "lr 0.05 → 0.01, λ2 0.001 → 0.01": what a change did, given the config just before it. */
export function describeCourseChange(change: CourseChange, before: TrainConfig): string {
  const parts: string[] = [];
  if (change.lr !== undefined) parts.push(`lr ${before.optimizer.lr} → ${change.lr}`);
  if (change.l1 !== undefined) parts.push(`λ1 ${before.regularizer.l1} → ${change.l1}`);
  if (change.l2 !== undefined) parts.push(`λ2 ${before.regularizer.l2} → ${change.l2}`);
  return parts.join(', ');
}
