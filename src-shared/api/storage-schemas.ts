/**
 * The Storage panel's part of the contract: how much the lab database takes and where, and
 * the Compact action with its progress.
 */
import { z } from 'zod';
import { entityId, jobId, runStatus } from './schemas';

const bytes = z.number().int().nonnegative();

export const runSpace = z.strictObject({
  runId: entityId,
  name: z.string(),
  status: runStatus,
  /** history epochs kept (the latest holds the resumable state) */
  checkpoints: z.number().int().nonnegative(),
  /** its checkpoints plus an estimate of its metric rows */
  bytes,
});

export const storageReport = z.strictObject({
  path: z.string(),
  fileBytes: bytes,
  walBytes: bytes,
  /** space inside the file that holds nothing: Compact gives it back */
  freeBytes: bytes,
  /** false for a file from before bounded storage: its first Compact rebuilds it (runs must be paused) */
  incremental: z.boolean(),
  compacting: z.boolean(),
  /** largest first */
  runs: z.array(runSpace),
});

export const compactRequest = z.strictObject({ jobId });
export const compactResponse = z.strictObject({ beforeBytes: bytes, afterBytes: bytes });

export const storageProgressEvent = z.strictObject({
  jobId,
  /** freeing: giving free pages back a slice at a time; rebuilding: the one-time rewrite of an older file */
  phase: z.enum(['freeing', 'rebuilding']),
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
});
