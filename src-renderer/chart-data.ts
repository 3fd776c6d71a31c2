/**
 * Preparing series for recharts. Pure, tested in test/src-renderer/chart-data.test.ts.
 * Every series is capped at a few thousand points: recharts draws one SVG path per line
 * and slows visibly past that.
 */

import type { MetricSeries } from './state/types';

export interface Point {
  x: number;
  y: number | null;
}

/** Points per series drawn at most. */
export const maxChartPoints = 2000;

/**
 * At most `max` points, keeping the first and the last and, in each bucket between, the
 * lowest and the highest value so spikes (a diverging step) stay visible.
 */
export function decimate(points: readonly Point[], max = maxChartPoints): Point[] {
  if (points.length <= max) return points.slice();
  const buckets = Math.max(1, Math.floor((max - 2) / 2));
  const inner = points.length - 2;
  const out: Point[] = [points[0]];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets);
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      const y = points[i].y;
      if (y === null) continue;
      if (lo < 0 || y < (points[lo].y as number)) lo = i;
      if (hi < 0 || y > (points[hi].y as number)) hi = i;
    }
    if (lo < 0) continue;
    if (lo === hi) out.push(points[lo]);
    else out.push(points[Math.min(lo, hi)], points[Math.max(lo, hi)]);
  }
  out.push(points[points.length - 1]);
  return out;
}

/**
 * Exponential moving average with the start-up bias removed (as TensorBoard smooths):
 * `weight` 0 leaves the points as they are, 0.9 averages over roughly the last ten.
 * Gaps (null) stay gaps and do not reset the average.
 */
export function smooth(points: readonly Point[], weight: number): Point[] {
  if (weight <= 0) return points.slice();
  let average = 0;
  let count = 0;
  return points.map((p) => {
    if (p.y === null || !Number.isFinite(p.y)) return p;
    average = weight * average + (1 - weight) * p.y;
    count++;
    return { x: p.x, y: average / (1 - Math.pow(weight, count)) };
  });
}

/** One API series as chart points, x = epoch or step. */
export function seriesPoints(series: MetricSeries | null | undefined, x: 'epoch' | 'step'): Point[] {
  if (!series) return [];
  const xs = x === 'epoch' ? series.epoch : series.step;
  return series.value.map((y, i) => ({ x: xs[i], y }));
}

/** Rows for one chart: the union of all x values, one column per series (missing → absent). */
export function mergeSeries(series: readonly { id: string; points: readonly Point[] }[]): Record<string, number | null>[] {
  const rows = new Map<number, Record<string, number | null>>();
  for (const s of series) {
    for (const p of s.points) {
      let row = rows.get(p.x);
      if (!row) rows.set(p.x, (row = { x: p.x }));
      row[s.id] = p.y;
    }
  }
  return [...rows.values()].sort((a, b) => (a.x as number) - (b.x as number));
}

/** Finds a series by split and name in an API answer. */
export function findSeries(list: readonly MetricSeries[], split: MetricSeries['split'], name: string): MetricSeries | undefined {
  return list.find((s) => s.split === split && s.name === name);
}
