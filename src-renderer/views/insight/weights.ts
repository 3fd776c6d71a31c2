/**
 * Weights of runs at their checkpoints, for the insight views: the checkpoint list of a
 * run (kept current while it trains), the decoded layers at one checkpoint, and the input
 * shape a run's first layer should be drawn in. Decoded weights are cached by checkpoint
 * id (a checkpoint never changes once written), within a memory budget.
 */

import { useEffect, useRef, useState } from 'react';
import { decodeFloat32 } from '../../../src-shared/api/encoding';
import type { NeuralLabApi } from '../../../src-shared/api/contract';
import type { TemplateShape } from '../../../src-shared/analysis/templates';
import { useApi } from '../../state/api';
import { useApiValue, useLiveTick } from '../../state/hooks';
import { useLab } from '../../state/lab-store';
import { isActive, type Checkpoint, type Dataset, type LayerWeightsPayload, type Run } from '../../state/types';

/** One dense layer at a checkpoint, decoded: W [inputs × units] row-major, b [units]. */
export interface Layer {
  inputs: number;
  units: number;
  activation: LayerWeightsPayload['activation'];
  w: Float32Array;
  b: Float32Array;
}

export interface CheckpointWeights {
  checkpoint: Checkpoint;
  layers: Layer[];
}

const cacheBudgetBytes = 96 * 1024 * 1024;
const cache = new Map<string, CheckpointWeights>();
let cachedBytes = 0;
const pending = new Map<string, Promise<CheckpointWeights>>();

function sizeOf(weights: CheckpointWeights): number {
  return weights.layers.reduce((sum, l) => sum + l.w.byteLength + l.b.byteLength, 0);
}

/** The layers of `runId` at `checkpointId` (cached; concurrent asks share one request). */
export function loadWeights(api: NeuralLabApi, runId: number, checkpointId: number): Promise<CheckpointWeights> {
  const key = `${runId}:${checkpointId}`;
  const hit = cache.get(key);
  if (hit) {
    // most recently used last
    cache.delete(key);
    cache.set(key, hit);
    return Promise.resolve(hit);
  }
  const inFlight = pending.get(key);
  if (inFlight) return inFlight;
  const request = api.getWeights({ runId, checkpointId }).then((result) => {
    pending.delete(key);
    if (!result.ok) throw new Error(result.error.message);
    const weights: CheckpointWeights = {
      checkpoint: result.value.checkpoint,
      layers: result.value.layers.map((l) => ({ inputs: l.inputs, units: l.units, activation: l.activation, w: decodeFloat32(l.w), b: decodeFloat32(l.b) })),
    };
    cache.set(key, weights);
    cachedBytes += sizeOf(weights);
    for (const [oldKey, old] of cache) {
      if (cachedBytes <= cacheBudgetBytes || oldKey === key) break;
      cache.delete(oldKey);
      cachedBytes -= sizeOf(old);
    }
    return weights;
  }, (error: unknown) => {
    pending.delete(key);
    throw error;
  });
  pending.set(key, request);
  return request;
}

/**
 * A run's checkpoints in training order, one per step (the last written wins), refreshed
 * while the run trains: its initial weights (epoch 0), then one per epoch.
 */
export function useCheckpoints(run: Run | undefined): { checkpoints: Checkpoint[]; error: string | null; loading: boolean } {
  const api = useApi();
  const live = run !== undefined && (isActive(run.status) || run.status === 'paused');
  const tick = useLiveTick(run && live ? [run.id] : [], 1500);
  const loaded = useApiValue(run ? () => api.getRun({ id: run.id }) : null, `checkpoints-${run?.id ?? 'none'}`);
  const { reload } = loaded;
  // same key, reloaded (not re-keyed): the list on screen stays while the new one loads
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else reload();
  }, [tick, run?.status, run?.epochsDone, reload]);
  const byStep = new Map<number, Checkpoint>();
  for (const c of loaded.data?.checkpoints ?? []) {
    const seen = byStep.get(c.step);
    if (!seen || seen.id < c.id) byStep.set(c.step, c);
  }
  const checkpoints = [...byStep.values()].sort((a, b) => a.step - b.step);
  return { checkpoints, error: loaded.error, loading: loaded.loading };
}

/**
 * The decoded weights at `checkpointId`. The previous ones stay shown while the next load;
 * `loading` says the weights on screen are not yet the ones asked for.
 */
export function useWeights(runId: number | undefined, checkpointId: number | undefined): { weights: CheckpointWeights | null; error: string | null; loading: boolean } {
  const api = useApi();
  const [state, setState] = useState<{ weights: CheckpointWeights | null; error: string | null; runId?: number }>({ weights: null, error: null });
  const asked = useRef(0);
  useEffect(() => {
    if (runId === undefined || checkpointId === undefined) {
      setState({ weights: null, error: null });
      return;
    }
    const id = ++asked.current;
    loadWeights(api, runId, checkpointId).then(
      (weights) => {
        if (id === asked.current) setState({ weights, error: null, runId });
      },
      (error: unknown) => {
        if (id === asked.current) setState((s) => ({ weights: s.runId === runId ? s.weights : null, error: error instanceof Error ? error.message : String(error), runId }));
      },
    );
  }, [api, runId, checkpointId]);
  const weights = state.runId === runId ? state.weights : null;
  const loading = checkpointId !== undefined && weights?.checkpoint.id !== checkpointId && state.error === null;
  return { weights, error: state.error, loading };
}

export interface InputShape extends TemplateShape {
  classNames: string[];
  /** where the shape came from: the run's dataset, or a guess from the input size */
  source: 'dataset' | 'guessed';
}

/**
 * The H×W×C shape a run's first-layer columns are images of, from its dataset; when the
 * dataset is gone, a square grey or RGB guess from the input size. Null for inputs that
 * are no image (toy data has 2 inputs).
 */
export function inputShape(run: Run, datasets: readonly Dataset[]): InputShape | null {
  const { inputSize, numClasses } = run.config.model;
  const fallbackNames = Array.from({ length: numClasses }, (_, c) => `class ${c}`);
  if (run.data.kind === 'toy') return null;
  const dataset = datasets.find((d) => d.id === run.datasetId);
  if (dataset && dataset.width * dataset.height * dataset.channels === inputSize) {
    const names = dataset.classNames.length === numClasses ? dataset.classNames : fallbackNames;
    return { width: dataset.width, height: dataset.height, channels: dataset.channels, classNames: names, source: 'dataset' };
  }
  for (const channels of [3, 1] as const) {
    const side = Math.round(Math.sqrt(inputSize / channels));
    if (side * side * channels === inputSize && side >= 2) return { width: side, height: side, channels, classNames: fallbackNames, source: 'guessed' };
  }
  return null;
}

/** Runs trained on images (the ones with templates), newest first, as the store lists them. */
export function useImageRuns(): Run[] {
  const runs = useLab((s) => s.runs);
  return runs.filter((r) => r.data.kind === 'dataset');
}

/** Label of a checkpoint on a scrubber; epoch 0 holds the weights training started from. */
export function checkpointLabel(c: Checkpoint): string {
  const why = c.reason === 'pause' ? ' (paused)' : c.reason === 'final' ? ' (final)' : c.step === 0 ? ' (initial weights)' : '';
  return `epoch ${c.epoch}${why}`;
}
