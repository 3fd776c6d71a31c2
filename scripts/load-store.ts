/**
 * Load benchmark through the API, as the UI sees it: a lab with 1,000 runs and 1,000,000
 * metric rows (test/reliability/load/big-lab.ts), started the way the app starts
 * (start-up checks, recovery), then the runs list and chart series over the router (zod
 * validation of request and response included) and over the real web server (JSON over
 * HTTP). Target: each < 100 ms. Also times start-up (the integrity check of the
 * database grows with it).
 *
 *   npm run load:store [-- --db PATH] [--repeats 15]
 *
 * Reports the median and the worst of the repeats after one warm-up call, and the cold
 * first call; exits 1 if a median misses the target.
 */

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLab } from '../src-main/api/lab';
import { prepareDatabase } from '../src-main/store/recovery';
import { startWebServer } from '../src-main/web/server';
import { buildBigLab, metricRowCount } from '../test/reliability/load/big-lab';
import { repoRoot } from '../test/reliability/helpers';

const TARGET_MS = 100;
const { values } = parseArgs({ options: { db: { type: 'string' }, repeats: { type: 'string', default: '15' } } });
const repeats = Number(values.repeats);
const folder = mkdtempSync(join(tmpdir(), 'nl-load-store-'));
const dbPath = values.db ?? join(folder, 'lab.db');

const build = buildBigLab(dbPath);
console.log(`built: ${metricRowCount(dbPath).toLocaleString('en-US')} metric rows, 1,000 runs, ${(statSync(dbPath).size / 2 ** 20).toFixed(0)} MiB, in ${(build.buildMs / 1000).toFixed(1)} s`);

let started = performance.now();
await prepareDatabase(dbPath);
const checkMs = performance.now() - started;
started = performance.now();
const lab = await startLab({ mode: 'web', appRoot: repoRoot, dbPath, cacheDir: null, maxConcurrentRuns: 1 });
const startMs = performance.now() - started;
const server = await startWebServer({ router: lab.router, staticDir: null });
console.log(`start-up: ${startMs.toFixed(0)} ms, including the start-up integrity check (${checkMs.toFixed(0)} ms on its own)`);

async function timeIt(fn: () => Promise<unknown>): Promise<{ cold: number; median: number; worst: number }> {
  let t = performance.now();
  await fn();
  const cold = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { cold, median: times[Math.floor(times.length / 2)], worst: times[times.length - 1] };
}

const viaRouter = (channel: string, request: unknown) => async () => {
  const result = await lab.router.invoke(channel, request, { transport: 'web' });
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
};
const viaHttp = (channel: string, request: unknown) => async () => {
  const response = await fetch(`${server.origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  const result = (await response.json()) as { ok: boolean; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result;
};

const runs = lab.store.listRuns({ limit: 3 });
const typical = runs.find((r) => r.id !== build.longRunId)!.id;
const cases: [string, () => Promise<unknown>, boolean][] = [
  ['runs list, all 1,000 (router)', viaRouter('listRuns', {}), true],
  ['runs list, all 1,000 (HTTP)', viaHttp('listRuns', {}), true],
  ['runs list, one experiment, by val accuracy (router)', viaRouter('listRuns', { experimentId: 3, sort: 'valAccuracy' }), true],
  ['runs list, first page of 50 (HTTP)', viaHttp('listRuns', { limit: 50 }), true],
  ['chart: batch loss of a 100,900-step run, 500 points (router)', viaRouter('getMetricSeries', { runId: build.longRunId, series: [{ split: 'batch', name: 'loss' }], maxPoints: 500 }), true],
  ['chart: batch loss of a 100,900-step run, 500 points (HTTP)', viaHttp('getMetricSeries', { runId: build.longRunId, series: [{ split: 'batch', name: 'loss' }], maxPoints: 500 }), true],
  ['chart: every series of a typical run (HTTP)', viaHttp('getMetricSeries', { runId: typical, maxPoints: 500 }), true],
  ['run page: getRun (HTTP)', viaHttp('getRun', { id: typical }), false],
  ['compare two runs (HTTP)', viaHttp('compareRuns', { a: build.longRunId, b: typical, maxPoints: 500 }), false],
];
let missed = 0;
console.log(`\n${'query'.padEnd(64)} ${'cold'.padStart(8)} ${'median'.padStart(8)} ${'worst'.padStart(8)}   (ms, ${repeats} repeats, target ${TARGET_MS})`);
for (const [name, fn, held] of cases) {
  const t = await timeIt(fn);
  const verdict = held ? (t.median < TARGET_MS ? 'ok' : 'MISSED') : 'info';
  if (verdict === 'MISSED') missed++;
  console.log(`${name.padEnd(64)} ${t.cold.toFixed(1).padStart(8)} ${t.median.toFixed(1).padStart(8)} ${t.worst.toFixed(1).padStart(8)}   ${verdict}`);
}
await server.close();
await lab.close();
if (!values.db) rmSync(folder, { recursive: true, force: true });
if (missed > 0) {
  console.error(`load:store: ${missed} queries missed the ${TARGET_MS} ms target`);
  process.exitCode = 1;
}
