import { describe, expect, it } from 'vitest';
import { decimate, mergeSeries, seriesPoints, smooth, type Point } from '../../src-renderer/chart-data';
import { Rng } from '../../src-shared/random';

function noisy(n: number, seed: number): Point[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, i) => ({ x: i + 1, y: Math.exp(-i / 2000) + 0.1 * rng.normal() }));
}

describe('decimate', () => {
  it('leaves short series alone', () => {
    const points = noisy(50, 1);
    expect(decimate(points, 100)).toEqual(points);
  });
  it('caps long series, keeps the ends, the order and every extreme of the series', () => {
    const points = noisy(100_000, 2);
    points[54_321].y = 25; // a spike, as when a run starts to diverge
    points[77_777].y = -9;
    const out = decimate(points, 2000);
    expect(out.length).toBeLessThanOrEqual(2000);
    expect(out.length).toBeGreaterThan(1900);
    expect(out[0]).toBe(points[0]);
    expect(out.at(-1)).toBe(points.at(-1));
    for (let i = 1; i < out.length; i++) expect(out[i].x).toBeGreaterThan(out[i - 1].x);
    expect(out.some((p) => p.y === 25)).toBe(true);
    expect(out.some((p) => p.y === -9)).toBe(true);
  });
  it('skips gaps (null values of a diverged run) without losing the rest', () => {
    const points: Point[] = Array.from({ length: 5000 }, (_, i) => ({ x: i, y: i % 7 === 0 ? null : i }));
    const out = decimate(points, 500);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out.filter((p) => p.y !== null).length).toBeGreaterThan(400);
  });
});

describe('mergeSeries', () => {
  it('joins series on x, leaving a series out of rows where it has no value', () => {
    const rows = mergeSeries([
      { id: 'a', points: [{ x: 1, y: 1 }, { x: 2, y: 2 }] },
      { id: 'b', points: [{ x: 2, y: 20 }, { x: 3, y: null }] },
    ]);
    expect(rows).toEqual([{ x: 1, a: 1 }, { x: 2, a: 2, b: 20 }, { x: 3, b: null }]);
  });
});

describe('seriesPoints', () => {
  it('takes epochs or steps as x from a columnar API series', () => {
    const series = { split: 'train' as const, name: 'loss', total: 2, epoch: [1, 2], step: [10, 20], value: [0.5, null] };
    expect(seriesPoints(series, 'epoch')).toEqual([{ x: 1, y: 0.5 }, { x: 2, y: null }]);
    expect(seriesPoints(series, 'step')).toEqual([{ x: 10, y: 0.5 }, { x: 20, y: null }]);
    expect(seriesPoints(undefined, 'step')).toEqual([]);
  });
});

describe('smooth', () => {
  it('averages noise away without lagging at the start, and keeps gaps', () => {
    const points: Point[] = Array.from({ length: 200 }, (_, i) => ({ x: i, y: i % 2 === 0 ? 1.5 : 0.5 }));
    const out = smooth(points, 0.9);
    expect(out[0].y).toBeCloseTo(1.5, 10); // the first value is itself, not pulled toward 0
    for (const p of out.slice(100)) expect(Math.abs((p.y as number) - 1)).toBeLessThan(0.06);
    expect(smooth([{ x: 0, y: 1 }, { x: 1, y: null }, { x: 2, y: 3 }], 0.5)).toEqual([{ x: 0, y: 1 }, { x: 1, y: null }, { x: 2, y: (0.5 * 0.5 + 0.5 * 3) / 0.75 }]);
    expect(smooth(points, 0)).toEqual(points);
  });
});
