import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startLab } from '../src-main/api/lab';
import { startWebServer } from '../src-main/web/server';
import type { MetricRow } from '../src-shared/training/records';
import { smallConfig, toyData, toySplit } from '../test/src-main/store/helpers';

const dir = mkdtempSync('/tmp/arch-heavy-');
const lab = await startLab({ mode: 'web', appRoot: process.cwd(), dbPath: dir + '/lab.db', cacheDir: null, maxConcurrentRuns: 1 });
const run = lab.store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
for (let start = 0; start < 1_000_000; start += 100_000) {
  const metrics: MetricRow[] = Array.from({ length: 100_000 }, (_, i) => ({ split: 'batch', name: 'loss', epoch: 1 + Math.floor((start + i) / 1000), step: start + i + 1, value: 1 / (start + i + 1) }));
  lab.store.recordProgress(run.id, { epochsDone: (start + 100_000) / 1000, stepsDone: start + 100_000, trainSeconds: 1, metrics });
}
lab.store.finishRun(run.id, 'done');
const server = await startWebServer({ router: lab.router, staticDir: null });
const count = 1000;
const script = `
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: true, maxSockets: ${count} });
    const post = (channel, body) => new Promise((resolve) => {
      const started = performance.now();
      const req = http.request({ host: '127.0.0.1', port: ${server.port}, path: '/${server.token}/api/invoke/' + channel, method: 'POST', agent,
        headers: { 'Content-Type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ ms: performance.now() - started, ok: res.statusCode === 200 && JSON.parse(text).ok === true, len: text.length }));
      });
      req.on('error', () => resolve({ ms: performance.now() - started, ok: false }));
      req.end(JSON.stringify(body));
    });
    (async () => {
      const series = Array.from({ length: ${count} }, () => post('getMetricSeries', { runId: ${run.id}, series: [{ split: 'batch', name: 'loss' }], maxPoints: 500 }));
      const pings = Array.from({ length: 10 }, (_, i) => new Promise((r) => setTimeout(r, i * 50)).then(() => post('getAppInfo', {})));
      const s = await Promise.all(series);
      const p = await Promise.all(pings);
      console.log(JSON.stringify({ len: s[0].len, series: Math.max(...s.map((a) => a.ms)), pings: Math.max(...p.map((a) => a.ms)), failures: [...s, ...p].filter((a) => !a.ok).length }));
      agent.destroy();
    })();`;
const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
const out = await new Promise<string>((resolve, reject) => execFile(process.execPath, ['-e', script], { maxBuffer: 1 << 24 }, (e, so) => (e ? reject(e) : resolve(so))));
h.disable();
console.log(out.trim(), `loop p99 ${(h.percentile(99) / 1e6).toFixed(0)} max ${(h.max / 1e6).toFixed(0)}`);
await server.close();
await lab.close();
