/**
 * How layer health is kept in the metrics table: per epoch, 'train' rows named
 * `health.L<layer>.<what>` (dead, grad, ratio, and act0…act8 for the distribution's
 * percentiles): ~12 rows per hidden layer and epoch, no per-step data. The dashboard reads
 * them back into EpochHealth records with `healthHistory`.
 */
import { DISTRIBUTION_PERCENTILES, type EpochHealth, type LayerHealth } from '../analysis/layer-health';
import type { ModelSpec } from '../engine/types';

export const HEALTH_METRIC_PREFIX = 'health.';

type Quantity = 'dead' | 'grad' | 'ratio' | `act${number}`;

export function healthMetricName(layer: number, quantity: Quantity): string {
  return `${HEALTH_METRIC_PREFIX}L${layer}.${quantity}`;
}

/** The rows of one epoch's health (null values are left out). */
export function healthMetricRows(health: readonly LayerHealth[]): { name: string; value: number }[] {
  const rows: { name: string; value: number }[] = [];
  for (const h of health) {
    if (h.deadFraction !== null) rows.push({ name: healthMetricName(h.layer, 'dead'), value: h.deadFraction });
    rows.push({ name: healthMetricName(h.layer, 'grad'), value: h.gradNorm });
    if (h.updateRatio !== null) rows.push({ name: healthMetricName(h.layer, 'ratio'), value: h.updateRatio });
    h.activation?.forEach((value, k) => rows.push({ name: healthMetricName(h.layer, `act${k}`), value }));
  }
  return rows;
}

/** Every health series a run of `model` can have, in layer order. */
export function healthMetricNames(model: ModelSpec): string[] {
  const names: string[] = [];
  const dense = model.hidden.length + 1;
  for (let layer = 1; layer <= dense; layer++) {
    const hidden = layer <= model.hidden.length;
    if (hidden && model.hidden[layer - 1].activation === 'relu') names.push(healthMetricName(layer, 'dead'));
    names.push(healthMetricName(layer, 'grad'), healthMetricName(layer, 'ratio'));
    if (hidden) DISTRIBUTION_PERCENTILES.forEach((_, k) => names.push(healthMetricName(layer, `act${k}`)));
  }
  return names;
}

/** A health series as read back: its name and (epoch, value) points in epoch order. */
export interface HealthSeries {
  name: string;
  epoch: readonly number[];
  value: readonly (number | null)[];
}

/** Regroups health series into one record per epoch (epochs in order; missing numbers null). */
export function healthHistory(series: readonly HealthSeries[], layers: number): EpochHealth[] {
  const byEpoch = new Map<number, LayerHealth[]>();
  const entry = (epoch: number, layer: number): LayerHealth => {
    let list = byEpoch.get(epoch);
    if (!list) {
      list = Array.from({ length: layers }, (_, l) => ({ layer: l + 1, deadFraction: null, activation: null, gradNorm: Number.NaN, updateRatio: null }));
      byEpoch.set(epoch, list);
    }
    return list[layer - 1];
  };
  for (const s of series) {
    const match = /^health\.L(\d+)\.(dead|grad|ratio|act(\d+))$/.exec(s.name);
    if (!match) continue;
    const layer = Number(match[1]);
    if (layer < 1 || layer > layers) continue;
    s.epoch.forEach((epoch, i) => {
      const value = s.value[i] ?? Number.NaN;
      const h = entry(epoch, layer);
      if (match[2] === 'dead') h.deadFraction = value;
      else if (match[2] === 'grad') h.gradNorm = value;
      else if (match[2] === 'ratio') h.updateRatio = value;
      else {
        h.activation ??= DISTRIBUTION_PERCENTILES.map(() => Number.NaN);
        h.activation[Number(match[3])] = value;
      }
    });
  }
  return [...byEpoch.entries()].sort(([a], [b]) => a - b).map(([epoch, list]) => ({ epoch, layers: list }));
}
