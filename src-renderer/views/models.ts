/**
 * Which model a view works with: a run's latest weights or a model file imported into the
 * lab. Shared by Predict and Export.
 */

import type { RequestOf } from '../../src-shared/api/contract';
import type { Run } from '../state/types';

export type ModelRef = RequestOf<'predict'>['model'];

/** Runs whose weights can be used: at least one epoch saved. */
export function runsWithWeights(runs: readonly Run[]): Run[] {
  return runs.filter((r) => r.epochsDone > 0 && r.status !== 'queued');
}

/** `run:12` / `imported:name.json` in a select's value. */
export function refKey(ref: ModelRef | null): string {
  if (!ref) return '';
  return ref.kind === 'run' ? `run:${ref.runId}` : `imported:${ref.modelId}`;
}

export function parseRefKey(key: string): ModelRef | null {
  if (key.startsWith('run:')) {
    const runId = Number(key.slice(4));
    return Number.isSafeInteger(runId) && runId > 0 ? { kind: 'run', runId } : null;
  }
  if (key.startsWith('imported:')) return { kind: 'imported', modelId: key.slice(9) };
  return null;
}

/** Base64 of a file's bytes, for uploads (FileReader-free, chunked so large files do not blow the stack). */
export async function fileBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
