/**
 * Lab soak: the real services left running for a long time under a random stream of user
 * actions through the API (start runs and twins, pause, resume, cancel, delete, export,
 * import a folder, list and chart), checking as it goes what a long-lived app must keep:
 * a database that passes quick_check, no run stuck "running" without a worker, memory,
 * open files and threads that do not grow without bound, and every API answer typed.
 *
 *   npm run soak:lab -- [--minutes 30] [--seed 1] [--concurrency 2]
 *
 * One line a minute (actions so far, runs by status, RSS, heap, fds, threads); exits 1 on
 * the first broken invariant, keeping its folder.
 */

import { mkdirSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { startLab } from '../src-main/api/lab';
import { Rng } from '../src-shared/random';
import { writeImageFolder } from '../test/reliability/crash-rounds';
import { repoRoot, tempFolder } from '../test/reliability/helpers';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' }, concurrency: { type: 'string', default: '2' } } });
const rng = new Rng(Number(values.seed));
const folder = tempFolder('nl-soak-lab-');
const dbPath = folder.file('lab.db');
const images = folder.file('images');
const exports = folder.file('exports');
mkdirSync(exports);
await writeImageFolder(images, 3, 20);

const lab = await startLab({ mode: 'web', appRoot: repoRoot, dbPath, cacheDir: folder.file('cache'), maxConcurrentRuns: Number(values.concurrency) });
const counts: Record<string, number> = {};
const fail = (what: string, details?: unknown): never => {
  console.error(`soak:lab: ${what}${details === undefined ? '' : `: ${JSON.stringify(details)}`}\nfolder kept: ${folder.dir}`);
  process.exit(1);
};

async function call(channel: string, request: unknown): Promise<unknown> {
  counts[channel] = (counts[channel] ?? 0) + 1;
  const result = await lab.router.invoke(channel, request, { transport: 'web' });
  if (result.ok) return result.value;
  if (result.error.code === 'internal') fail(`${channel} answered internal`, { request, error: result.error });
  return null;
}

const pickRun = (statuses: string[]) => {
  const runs = lab.store.listRuns({ status: statuses as never, limit: 50 });
  return runs.length > 0 ? runs[rng.int(runs.length)] : undefined;
};
const config = (seed: number) => ({
  model: { inputSize: 2, numClasses: 3, hidden: rng.int(2) === 0 ? [] : [{ units: 8 + rng.int(56), activation: 'relu' }] },
  loss: rng.int(2) === 0 ? 'softmax' : 'svm',
  regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false },
  optimizer: { kind: 'momentum', lr: 0.05 },
  schedule: { kind: 'constant' },
  batchSize: 16,
  epochs: 5 + rng.int(60),
  seed,
});
const toy = { kind: 'toy', toy: 'spiral', samples: 300 + rng.int(1200), noise: 0.1, seed: 1 };

let datasetId: number | null = null;
const actions: [number, () => Promise<unknown>][] = [
  [6, () => call('startRun', { name: 'soak', config: config(rng.int(1000)), data: toy })],
  [2, () => call('startTwins', { name: 'soak twins', config: config(rng.int(1000)), data: toy })],
  [3, async () => { const r = pickRun(['running', 'queued']); return r && call('pauseRun', { id: r.id }); }],
  [3, async () => { const r = pickRun(['paused', 'interrupted', 'failed']); return r && call('resumeRun', { id: r.id }); }],
  [2, async () => { const r = pickRun(['running', 'queued', 'paused']); return r && call('cancelRun', { id: r.id }); }],
  [2, async () => { const r = pickRun(['done', 'cancelled', 'running', 'paused']); return r && call('deleteRun', { id: r.id }); }],
  [2, async () => { const r = pickRun(['done']); return r && call('exportModel', { model: { kind: 'run', runId: r.id }, format: ['json', 'onnx', 'safetensors'][rng.int(3)], folder: exports, fileName: `m-${rng.int(5)}.bin`, overwrite: true }); }],
  [4, () => call('listRuns', {})],
  [4, async () => { const r = pickRun(['done', 'running']); return r && call('getMetricSeries', { runId: r.id, maxPoints: 500 }); }],
  [1, async () => {
    const result = (await call('importFolder', { jobId: `j${rng.int(1e9)}`, path: images, options: { width: 8, height: 8 } })) as { dataset: { id: number } } | null;
    if (result && datasetId === null) datasetId = result.dataset.id;
    else if (result) await call('deleteDataset', { id: result.dataset.id });
  }],
  [1, async () => datasetId !== null && call('startRun', { name: 'soak images', config: { ...config(rng.int(1000)), model: { inputSize: 192, numClasses: 3, hidden: [] } }, data: { kind: 'dataset', datasetId, normalization: 'per-channel' } })],
];
const weight = actions.reduce((s, [w]) => s + w, 0);

function checkInvariants(): { quickCheck: string; stuck: number[] } {
  const db = new Database(dbPath, { readonly: true });
  const quickCheck = db.pragma('quick_check', { simple: true }) as string;
  db.close();
  const { training, queued } = lab.training.snapshot();
  const stuck = lab.store.listRuns({ status: ['running'] }).map((r) => r.id).filter((id) => !training.includes(id));
  const lost = lab.store.listRuns({ status: ['queued'] }).map((r) => r.id).filter((id) => !queued.includes(id) && !training.includes(id));
  return { quickCheck, stuck: [...stuck, ...lost] };
}

const started = Date.now();
const deadline = started + Number(values.minutes) * 60_000;
const samples: { rss: number; fds: number; threads: number }[] = [];
let nextReport = started + 60_000;
while (Date.now() < deadline) {
  let pick = rng.int(weight);
  const action = actions.find(([w]) => (pick -= w) < 0)![1];
  await action();
  await new Promise((r) => setTimeout(r, 20 + rng.int(200)));
  if (Date.now() >= nextReport) {
    nextReport += 60_000;
    // a quiet moment first, so "running without a worker" is not just a run between two messages
    const { quickCheck, stuck } = checkInvariants();
    if (quickCheck !== 'ok') fail('quick_check', quickCheck);
    if (stuck.length > 0) {
      await new Promise((r) => setTimeout(r, 2000));
      const again = checkInvariants().stuck.filter((id) => stuck.includes(id));
      if (again.length > 0) fail('runs marked running or queued with no worker and not in the queue', again);
    }
    global.gc?.();
    const sample = { rss: process.memoryUsage().rss, fds: readdirSync('/proc/self/fd').length, threads: readdirSync('/proc/self/task').length };
    samples.push(sample);
    const byStatus: Record<string, number> = {};
    for (const run of lab.store.listRuns({})) byStatus[run.status] = (byStatus[run.status] ?? 0) + 1;
    const actionsSoFar = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`${Math.round((Date.now() - started) / 60_000)} min: ${actionsSoFar} API calls, runs ${JSON.stringify(byStatus)}, rss ${(sample.rss / 2 ** 20).toFixed(0)} MiB, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB, fds ${sample.fds}, threads ${sample.threads}`);
  }
}
await lab.close();
// growth between the second sample (warmed up) and the last: a leak grows with time
if (samples.length >= 4) {
  const [first, last] = [samples[1], samples[samples.length - 1]];
  if (last.fds > first.fds + 20) fail('open files grew', { from: first.fds, to: last.fds });
  if (last.rss > first.rss * 2 + 200 * 2 ** 20) fail('memory grew', { fromMiB: first.rss / 2 ** 20, toMiB: last.rss / 2 ** 20 });
}
const db = new Database(dbPath, { readonly: true });
const integrity = db.pragma('integrity_check', { simple: true });
db.close();
if (integrity !== 'ok') fail('integrity_check after closing', integrity);
console.log(`soak:lab: ${values.minutes} min, API calls ${JSON.stringify(counts)}; database intact, no stuck runs, no growth in files or memory`);
folder.cleanup();
