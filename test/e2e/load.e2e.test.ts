/**
 * Four trainings at once while the UI stays responsive: web mode with the real backend,
 * Debian's Chromium, four MLPs training on the built-in sample in four worker threads
 * (on a two-core machine: more work than cores), while the user moves between the runs
 * list, a live run dashboard and the comparison of all four. The page's main thread is
 * traced for the whole time (Chromium's own trace of every task it runs on that thread, with
 * the thread's CPU time), watched with PerformanceObserver('longtask'), and requestAnimationFrame
 * gaps are recorded too. Training threads run at a lower priority than the app
 * (src-main/training/run-worker.ts; test/reliability/priority.test.ts checks it). The renderer
 * is built with React's production build, as it ships.
 *
 * What is asserted is the page's own work: no task that needs 200 ms of the main thread's
 * CPU (see TASK_CPU_LIMIT_MS). A task's wall time also holds the time the OS gave the core to someone else, which
 * on a shared two-core CI machine reached 10× the task's CPU time (a 14 ms layout took
 * 177 ms); wall time is a benchmark figure (`npm run load:ui` asks for no long task of
 * 100 ms), printed here with the rest and written to test-artifacts/e2e/load.json.
 */

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, chartPoints, chromiumPath, closeBrowser, invoke, openApp, startE2eLab, waitFor, type AppPage, type E2eLab } from './harness';

const haveChromium = existsSync(chromiumPath);
/**
 * The most CPU time one task of the page may take. The renderer fetches only what its charts
 * draw and draws one chart per task. Measured on two busy cores: a chart update takes a median
 * of 20 ms, a chart's first draw (recharts builds its store, axes and grid) 50–127 ms, and
 * nothing else comes close; drawing the dashboard's four charts in one task would take
 * over 250 ms.
 */
const TASK_CPU_LIMIT_MS = 200;
/** Wall-time limit for long tasks, for the benchmark only (`npm run load:ui` sets 100). */
const wallLimitMs = process.env.NEURAL_LAB_LONG_TASK_LIMIT_MS ? Number(process.env.NEURAL_LAB_LONG_TASK_LIMIT_MS) : null;
const PHASE_MS = 6_000;

interface LongTask { start: number; duration: number; phase: string }

describe.skipIf(!haveChromium)('four trainings at once, UI in Chromium', () => {
  let lab: E2eLab;
  let ui: AppPage;
  const runIds: number[] = [];

  beforeAll(async () => {
    lab = await startE2eLab({ maxConcurrentRuns: 4, reactBuild: 'production' });
    ui = await openApp(lab, { width: 1280, height: 800 });
  }, 180_000);

  afterAll(async () => {
    for (const id of runIds) await lab?.lab.router.invoke('cancelRun', { id }, { transport: 'web' });
    await ui?.close();
    await closeBrowser();
    await lab?.close();
  });

  it('keeps the page\'s main-thread tasks short while the runs list, a live dashboard and a 4-run comparison update', async () => {
    const page = ui.page;
    const { dataset } = await invoke<{ dataset: { id: number } }>(lab, 'importSample', { jobId: 'load', options: { width: 28, height: 28, channels: 1 } });

    // what the page records: long tasks tagged with the phase they fell in, and the longest gap between frames
    await page.evaluate(() => {
      const w = globalThis as unknown as { __load: { phase: string; tasks: { start: number; duration: number; phase: string }[]; maxFrameGap: number; frames: number } };
      w.__load = { phase: 'setup', tasks: [], maxFrameGap: 0, frames: 0 };
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__load.tasks.push({ start: entry.startTime, duration: entry.duration, phase: w.__load.phase });
      }).observe({ type: 'longtask' as never }); // a browser entry type Node's types do not list
      let last = performance.now();
      const raf = (globalThis as unknown as { requestAnimationFrame(cb: (t: number) => void): void }).requestAnimationFrame;
      const frame = (t: number) => {
        if (w.__load.phase !== 'setup') w.__load.maxFrameGap = Math.max(w.__load.maxFrameGap, t - last);
        w.__load.frames++;
        last = t;
        raf(frame);
      };
      raf(frame);
    });
    const phaseStarts: Record<string, number> = {};
    const phase = async (name: string) => {
      phaseStarts[name] = await page.evaluate((n) => {
        (globalThis as unknown as { __load: { phase: string } }).__load.phase = n;
        performance.mark(`phase:${n}`); // in the trace too, so traced tasks get their phase
        return performance.now();
      }, name);
    };
    const go = (hash: string) => page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);

    const config = {
      model: { inputSize: 28 * 28, numClasses: 10, hidden: [{ units: 256, activation: 'relu' }] },
      loss: 'softmax',
      regularizer: { kind: 'l2', l1: 0, l2: 1e-4, proximal: false },
      optimizer: { kind: 'momentum', lr: 0.01 },
      schedule: { kind: 'constant' },
      batchSize: 32,
      epochs: 200,
    };
    for (let i = 0; i < 4; i++) {
      const run = await invoke<{ id: number }>(lab, 'startRun', { name: `load ${i + 1}`, config: { ...config, seed: i + 1 }, data: { kind: 'dataset', datasetId: dataset.id, normalization: 'per-channel' } });
      runIds.push(run.id);
    }
    await waitFor('four runs training at once', () => lab.lab.training.snapshot().training.length === 4, 60_000);
    let mostAtOnce = 0;
    const sampler = setInterval(() => (mostAtOnce = Math.max(mostAtOnce, lab.lab.training.snapshot().training.length)), 200);

    // the trace holds every task of the page's main thread with its wall and CPU time
    await ui.browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'blink.user_timing'] });
    let traced: Buffer | null = null;
    try {
      await phase('runs list');
      await ui.nav('runs');
      await waitFor('the four runs listed as running', async () => (await page.locator('[data-testid="runs-table"] tr[data-status="running"]').count()) === 4);
      await page.waitForTimeout(PHASE_MS);

      await phase('live dashboard');
      await go(`#/run/${runIds[0]}`);
      await page.locator(`[data-testid="run-dashboard"][data-run-id="${runIds[0]}"]`).waitFor();
      // how far the mini-batch curve reaches (its last step): the point count is capped at about the chart's width
      const reach = async () => Number((await page.locator('[data-testid="chart-batch-loss"]').getAttribute('data-reach'))?.split(',')[0] ?? 0);
      await waitFor('batch loss points', () => chartPoints(page, 'chart-batch-loss'));
      const before = await reach();
      await page.waitForTimeout(PHASE_MS);
      const after = await reach();
      expect(after, 'the dashboard keeps drawing new steps').toBeGreaterThan(before);

      await phase('comparison of four');
      await go(`#/compare/${runIds.join(',')}`);
      await page.locator('[data-testid="compare-view"]').waitFor();
      await page.waitForTimeout(PHASE_MS);

      await phase('runs list again');
      await ui.nav('runs');
      await page.waitForTimeout(PHASE_MS / 2);
      await ui.shot('load-four-runs');
      await phase('done');
      traced = await ui.browser.stopTracing();
    } finally {
      clearInterval(sampler);
      if (!traced) await ui.browser.stopTracing().catch(() => null);
    }
    const pageTasks = rendererMainTasks(traced);
    const byCpu = [...pageTasks].sort((a, b) => b.cpuMs - a.cpuMs);

    const recorded = await page.evaluate(() => (globalThis as unknown as { __load: { tasks: LongTask[]; maxFrameGap: number; frames: number } }).__load);
    const tasks = recorded.tasks.filter((t) => t.phase !== 'setup');
    const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    const byPhase: Record<string, { count: number; longest: number }> = {};
    for (const t of tasks) {
      const p = (byPhase[t.phase] ??= { count: 0, longest: 0 });
      p.count++;
      p.longest = Math.max(p.longest, Math.round(t.duration));
    }
    // [phase, ms into the phase, duration]: a task at 0 is the view's first render, later ones are live updates
    const detail = tasks.map((t) => [t.phase, Math.round(t.start - phaseStarts[t.phase]), Math.round(t.duration)]);
    const figures = {
      runsAtOnce: mostAtOnce,
      tracedTasks: pageTasks.length,
      longestCpuMs: Math.round(byCpu[0]?.cpuMs ?? 0),
      // the five tasks that needed the most CPU: [phase, CPU ms, wall ms]
      mostCpu: byCpu.slice(0, 5).map((t) => [t.phase, Math.round(t.cpuMs), Math.round(t.wallMs)]),
      longTasks: tasks.length, longestMs: Math.round(longest), totalMs: Math.round(tasks.reduce((s, t) => s + t.duration, 0)), byPhase, maxFrameGapMs: Math.round(recorded.maxFrameGap), frames: recorded.frames, tasks: detail };
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'load.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`e2e load: ${JSON.stringify(figures)}`);

    expect(mostAtOnce).toBe(4);
    expect(ui.errors).toEqual([]);
    expect(pageTasks.length, 'the trace holds the page\'s tasks').toBeGreaterThan(100);
    expect(byCpu[0].cpuMs, `tasks by CPU time, [phase, CPU ms, wall ms]: ${JSON.stringify(figures.mostCpu)}`).toBeLessThan(TASK_CPU_LIMIT_MS);
    if (wallLimitMs !== null) expect(longest, `long tasks: ${JSON.stringify(detail)}`).toBeLessThan(wallLimitMs);
  }, 240_000);
});

interface TracedTask { phase: string; wallMs: number; cpuMs: number }

/**
 * The tasks Chromium ran on the page's main thread, from a trace in Chrome's JSON trace
 * format: `RunTask` events carry the wall duration (`dur`) and the thread's CPU time
 * (`tdur`), in microseconds; each gets the phase of the last `phase:` mark before it. The
 * page is the only one open, so its renderer is the one main thread named CrRendererMain.
 */
function rendererMainTasks(trace: Buffer): TracedTask[] {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: { name: string; ph: string; ts: number; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } }[] };
  const mains = parsed.traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  expect(mains.length, 'one page renderer in the trace').toBe(1);
  const { pid, tid } = mains[0];
  const marks = parsed.traceEvents.filter((e) => e.name.startsWith('phase:')).sort((a, b) => a.ts - b.ts);
  const phaseAt = (ts: number) => marks.findLast((m) => m.ts <= ts)?.name.slice('phase:'.length) ?? 'start';
  return parsed.traceEvents
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === pid && e.tid === tid && e.tdur !== undefined)
    .map((e) => ({ phase: phaseAt(e.ts), wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
}
