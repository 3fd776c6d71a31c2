/**
 * 1,000 runs and 1,000,000 metric rows: the lab starts (start-up checks included), and the
 * runs list and a chart series of the longest run come back through the router within a
 * generous bound (500 ms, five times the 100 ms target, which `npm run load:store`
 * measures and holds; this test is about the load not breaking anything on a busy CI
 * machine, not about speed).
 */

import { expect, it } from 'vitest';
import { startLab } from '../../src-main/api/lab';
import { buildBigLab, metricRowCount } from './load/big-lab';
import { checkDatabaseFile, repoRoot, tempFolder } from './helpers';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

it('1,000 runs and 1,000,000 metric rows: the runs list and a chart series load well within bounds', async () => {
  const folder = tempFolder('nl-load-');
  try {
    const dbPath = folder.file('lab.db');
    const { longRunId } = buildBigLab(dbPath);
    expect(metricRowCount(dbPath)).toBe(1_000_000);
    const lab = await startLab({ mode: 'web', appRoot: repoRoot, dbPath, cacheDir: null, maxConcurrentRuns: 1 });
    try {
      const info = await lab.router.invoke('getAppInfo', {}, { transport: 'web' });
      expect(info.ok && (info.value as { notices: unknown[] }).notices).toEqual([]);
      const timed = async (channel: string, request: unknown) => {
        const times: number[] = [];
        let value: unknown;
        for (let i = 0; i < 6; i++) {
          const started = performance.now();
          const result = await lab.router.invoke(channel, request, { transport: 'web' });
          times.push(performance.now() - started);
          if (!result.ok) throw new Error(result.error.message);
          value = result.value;
        }
        return { ms: median(times.slice(1)), value };
      };
      const list = await timed('listRuns', {});
      const series = await timed('getMetricSeries', { runId: longRunId, series: [{ split: 'batch', name: 'loss' }], maxPoints: 500 });
      const points = (series.value as { series: { step: number[]; total: number }[] }).series[0];
      console.log(`load test: runs list ${list.ms.toFixed(1)} ms, 500-point series of a ${points.total.toLocaleString('en-US')}-step run ${series.ms.toFixed(1)} ms`);
      expect((list.value as { runs: unknown[] }).runs).toHaveLength(1000);
      expect(points.total).toBeGreaterThan(100_000);
      expect(points.step.length).toBeLessThanOrEqual(500);
      expect(list.ms).toBeLessThan(500);
      expect(series.ms).toBeLessThan(500);
    } finally {
      await lab.close();
    }
    expect(checkDatabaseFile(dbPath).integrity).toBe('ok');
  } finally {
    folder.cleanup();
  }
}, 120_000);
