/**
 * Layer health: the diagnostics CS231n teaches for watching a net train, one set of numbers
 * per layer per epoch (compact enough to keep for every epoch of a long run).
 *
 * - dead ReLUs: a ReLU unit whose input z = x·W + b is ≤ 0 for every sample of a fixed
 *   probe batch outputs 0 and passes no gradient back, so it never learns again;
 * - activation distribution: percentiles of a hidden layer's outputs on the probe batch
 *   (TensorBoard's "distributions": bands that widen, collapse or saturate over epochs);
 * - gradient norm ‖dL/dW‖ of the epoch's last step;
 * - update-to-weight ratio ‖ΔW‖ / ‖W‖ of the epoch's last step: around 1e-3 is healthy,
 *   far below means the learning rate is too low, far above too high.
 */
import { forwardStages, type WarpNet } from './warp';
import type { LayerWeights, ModelSpec } from '../engine/types';

/** The ratio a healthy layer's updates sit near. */
export const UPDATE_RATIO_GUIDE = 1e-3;
/** Outside this band for WARNING_EPOCHS epochs in a row, a layer gets a warning. */
export const UPDATE_RATIO_RANGE: readonly [number, number] = [1e-4, 1e-2];
export const WARNING_EPOCHS = 3;
/** At or above this dead share a layer counts as dying; at 1 it is dead. */
export const DYING_FRACTION = 0.5;
/** TensorBoard's distribution bands: min, ±1.5σ, ±1σ, ±0.5σ of a normal, median, max (in percent). */
export const DISTRIBUTION_PERCENTILES: readonly number[] = [0, 6.68, 15.87, 30.85, 50, 69.15, 84.13, 93.32, 100];
/** Samples in the probe batch (fewer when the data has fewer). */
export const PROBE_SIZE = 256;

/** One dense layer's health at the end of an epoch. Layer numbers are 1-based, as W1, W2, …. */
export interface LayerHealth {
  layer: number;
  /** share of this layer's ReLU units dead on the probe batch; null for other activations and the score layer */
  deadFraction: number | null;
  /** DISTRIBUTION_PERCENTILES of the layer's outputs (after the activation) on the probe batch; null for the score layer */
  activation: number[] | null;
  /** ‖dL/dW‖ (Frobenius, regularisation included) of the epoch's last step */
  gradNorm: number;
  /** ‖ΔW‖ / ‖W‖ of the epoch's last step; null when W was all zero */
  updateRatio: number | null;
}

/** Share of units (columns of z [n × units]) that are ≤ 0 for every one of the n rows. */
export function deadFraction(z: ArrayLike<number>, n: number, units: number): number {
  if (z.length < n * units) throw new RangeError(`${n} rows × ${units} units need ${n * units} values, got ${z.length}`);
  if (units === 0) return 0;
  if (n === 0) throw new RangeError('a dead-unit count needs at least one probe sample');
  let dead = 0;
  for (let j = 0; j < units; j++) {
    let alive = false;
    for (let r = 0; r < n && !alive; r++) alive = z[r * units + j] > 0;
    if (!alive) dead++;
  }
  return dead / units;
}

/** Euclidean (Frobenius) norm, summed in float64. */
export function l2Norm(a: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * a[i];
  return Math.sqrt(sum);
}

/** ‖after − before‖ / ‖before‖; null when `before` is all zero (no scale to compare with). */
export function updateRatio(before: ArrayLike<number>, after: ArrayLike<number>): number | null {
  if (before.length !== after.length) throw new RangeError(`update ratio: ${before.length} values before, ${after.length} after`);
  let change = 0;
  for (let i = 0; i < before.length; i++) {
    const d = after[i] - before[i];
    change += d * d;
  }
  const scale = l2Norm(before);
  return scale > 0 ? Math.sqrt(change) / scale : null;
}

/** Percentiles (0…100) of `values`, linearly interpolated between the sorted values (NaN left out). */
export function percentiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  const sorted = Float64Array.from(values).filter((v) => !Number.isNaN(v)).sort();
  if (sorted.length === 0) return ps.map(() => Number.NaN);
  return ps.map((p) => {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in 0..100, got ${p}`);
    const at = (p / 100) * (sorted.length - 1);
    const lo = Math.floor(at);
    const hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
  });
}

/**
 * Health of every dense layer of `net`: the probe batch x [n × inputs] goes through the net
 * (float64) for dead units and activation percentiles; `gradients` and `before` are each
 * layer's dW of the last step and W before it (the net holds W after it).
 */
export function layerHealth(net: WarpNet, probe: ArrayLike<number>, n: number, gradients: readonly ArrayLike<number>[], before: readonly ArrayLike<number>[]): LayerHealth[] {
  const { pre, post } = forwardStages(net, probe, n);
  return healthFromStages(net, { pre, post }, n, gradients, before);
}

/**
 * The same from a forward pass already made (the training worker runs the probe through
 * its own float32 network): `stages.pre[l]` and `stages.post[l]` are hidden layer l's
 * z and act(z), [n × units].
 */
export function healthFromStages(net: WarpNet, stages: { pre: readonly ArrayLike<number>[]; post: readonly ArrayLike<number>[] }, n: number, gradients: readonly ArrayLike<number>[], before: readonly ArrayLike<number>[]): LayerHealth[] {
  if (gradients.length !== net.layers.length || before.length !== net.layers.length) {
    throw new RangeError(`${net.layers.length} layers need as many gradients and previous weights, got ${gradients.length} and ${before.length}`);
  }
  return net.layers.map((layer, l) => {
    const hidden = l < net.activations.length;
    return {
      layer: l + 1,
      deadFraction: hidden && net.activations[l].kind === 'relu' ? deadFraction(stages.pre[l], n, layer.units) : null,
      activation: hidden ? percentiles(stages.post[l], DISTRIBUTION_PERCENTILES) : null,
      gradNorm: l2Norm(gradients[l]),
      updateRatio: updateRatio(before[l], layer.w),
    };
  });
}

// ---------------------------------------------------------------- warnings

export interface HealthWarning {
  layer: number;
  kind: 'dead' | 'dying' | 'ratio-low' | 'ratio-high';
  /** first epoch of the stretch the warning is about */
  sinceEpoch: number;
  message: string;
}

/** One epoch's health of all layers, as recorded. */
export interface EpochHealth {
  epoch: number;
  layers: LayerHealth[];
}

/**
 * Warnings for the latest state of a run: a layer whose ReLUs are (mostly) dead at the last
 * epoch, and a layer whose update ratio has been outside UPDATE_RATIO_RANGE for the last
 * WARNING_EPOCHS epochs or more (on the same side). `history` is in epoch order.
 */
export function healthWarnings(history: readonly EpochHealth[]): HealthWarning[] {
  const last = history[history.length - 1];
  if (!last) return [];
  const warnings: HealthWarning[] = [];
  for (const health of last.layers) {
    const { layer, deadFraction: dead } = health;
    if (dead !== null && dead >= DYING_FRACTION) {
      let since = last.epoch;
      for (let i = history.length - 1; i >= 0; i--) {
        const d = history[i].layers.find((h) => h.layer === layer)?.deadFraction;
        if (d === null || d === undefined || d < DYING_FRACTION) break;
        since = history[i].epoch;
      }
      const percent = Math.round(dead * 100);
      warnings.push(dead === 1
        ? { layer, kind: 'dead', sinceEpoch: since, message: `layer ${layer} is dead: none of its ReLUs fires on the probe batch (since epoch ${since}); lower the learning rate or use Leaky ReLU` }
        : { layer, kind: 'dying', sinceEpoch: since, message: `layer ${layer} is dying: ${percent}% of its ReLUs never fire on the probe batch (since epoch ${since})` });
    }
    const side = (r: number | null | undefined) => (r === null || r === undefined ? 0 : r < UPDATE_RATIO_RANGE[0] ? -1 : r > UPDATE_RATIO_RANGE[1] ? 1 : 0);
    const now = side(health.updateRatio);
    if (now === 0) continue;
    let stretch = 0;
    let since = last.epoch;
    for (let i = history.length - 1; i >= 0; i--) {
      if (side(history[i].layers.find((h) => h.layer === layer)?.updateRatio) !== now) break;
      stretch++;
      since = history[i].epoch;
    }
    if (stretch < WARNING_EPOCHS) continue;
    warnings.push(now < 0
      ? { layer, kind: 'ratio-low', sinceEpoch: since, message: `layer ${layer}: updates are under ${UPDATE_RATIO_RANGE[0]} of the weights for ${stretch} epochs (learning rate too low?)` }
      : { layer, kind: 'ratio-high', sinceEpoch: since, message: `layer ${layer}: updates are over ${UPDATE_RATIO_RANGE[1]} of the weights for ${stretch} epochs (learning rate too high?)` });
  }
  return warnings;
}

/** The float64 analysis view of a model: its dense layers with the activations of its spec. */
export function warpNetOf(spec: ModelSpec, layers: readonly LayerWeights[]): WarpNet {
  return { layers, activations: spec.hidden.map((h) => ({ kind: h.activation, alpha: h.alpha })) };
}
