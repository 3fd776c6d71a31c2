/**
 * End-to-end steps for the instruments (issue 19), run by lab-flow.test.ts after the L1 vs
 * L2 twins (784 → 128 ReLU → 10 on the built-in sample, 60 epochs) have finished: layer
 * health on a twin's dashboard, space warping on its validation images, linear regions on
 * the toy Space warping view, a change of course marked on the curves, a bit-identical
 * re-run, and a 3×3 sweep whose heatmap fills. Each asserts real content on screen (lines
 * and bands drawn, points drawn, cells filled, markers on curves) and takes a screenshot
 * (test-artifacts/e2e/instruments-*.png).
 */

import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { canvasInkFraction, chartLineLengths, invoke, waitFor, type FlowStep } from '../harness';

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);
}

/** Where (CSS pixels, in the page) the first drawn point of a canvas is: a pixel that is not background. */
async function firstInkedPixel(page: Page, selector: string): Promise<{ x: number; y: number } | null> {
  const canvas = page.locator(selector).first();
  const box = await canvas.boundingBox();
  if (!box) return null;
  const hit = await canvas.evaluate((node) => {
    const c = node as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    // a point's fill: opaque and coloured (not the white or grey of an outline)
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 250 && Math.max(r, g, b) - Math.min(r, g, b) > 80) return { x: (i / 4) % c.width, y: Math.floor(i / 4 / c.width), w: c.width, h: c.height };
    }
    return null;
  });
  return hit ? { x: box.x + ((hit.x + 1) * box.width) / hit.w, y: box.y + ((hit.y + 1) * box.height) / hit.h } : null;
}

/** A toy run long enough (two 192-unit layers) that a pause lands mid-way, with L2 for λ. */
const courseRun = {
  name: 'change of course',
  config: {
    model: { inputSize: 2, numClasses: 3, hidden: [{ units: 192, activation: 'relu' }, { units: 192, activation: 'relu' }] },
    loss: 'softmax',
    regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false },
    optimizer: { kind: 'sgd', lr: 0.2 },
    schedule: { kind: 'constant' },
    batchSize: 32,
    epochs: 30,
    seed: 5,
  },
  data: { kind: 'toy', toy: 'spiral', samples: 1200, noise: 0.1, seed: 3 },
};

/** Runs the steps made, deleted by the last one so the flow's later steps find the lab as it was. */
const shared: { courseRunId?: number; replayRunId?: number } = {};

export const steps: FlowStep[] = [
  {
    name: 'layer health: the twin\'s dashboard draws update ratios around the 1e-3 guide, gradient norms, dead ReLUs and activation bands for all 60 epochs',
    timeoutMs: 60_000,
    async run({ ui, twins }) {
      const page = ui.page;
      const errorsBefore = ui.errors.length;
      await go(page, `#/run/${twins.l2}`);
      const panel = page.locator('[data-testid="layer-health"]');
      await panel.waitFor();
      await waitFor('60 epochs of health', async () => Number(await panel.getAttribute('data-epochs')) === 60);
      await panel.scrollIntoViewIfNeeded();
      // two dense layers (W1, W2): two lines each in the ratio and gradient charts, 60 points long
      await waitFor('ratio lines drawn', async () => (await chartLineLengths(page, 'chart-update-ratio')).length === 2);
      for (const length of await chartLineLengths(page, 'chart-update-ratio')) expect(length).toBe(60);
      for (const length of await chartLineLengths(page, 'chart-grad-norm')) expect(length).toBe(60);
      // the 1e-3 guide and the band's edges
      await expect(page.locator('[data-testid="chart-update-ratio"] .recharts-reference-line').count()).resolves.toBe(3);
      await expect(page.locator('[data-testid="chart-update-ratio"]').innerText()).resolves.toContain('1e-3');
      expect((await chartLineLengths(page, 'chart-dead-relus'))[0]).toBe(60);
      // TensorBoard-style bands: four filled bands and the median over 60 epochs
      const distribution = page.locator('[data-testid="activation-distribution"]');
      await expect(distribution.getAttribute('data-epochs')).resolves.toBe('60');
      await expect(distribution.locator('path').count()).resolves.toBe(5);
      const bandPoints = await distribution.locator('path').first().evaluate((p) => ((p.getAttribute('d') ?? '').match(/[ML]/g) ?? []).length);
      expect(bandPoints).toBe(120);
      await ui.shot('instruments-01-layer-health');
      expect(ui.errors.slice(errorsBefore)).toEqual([]);
    },
  },
  {
    name: 'space warping on images: the twin\'s validation images as points in input and hidden space, an epoch scrubber, a click shows the image',
    timeoutMs: 90_000,
    async run({ ui, twins }) {
      const page = ui.page;
      const errorsBefore = ui.errors.length;
      await go(page, `#/imagewarp/${twins.l1}`);
      const planes = page.locator('[data-testid="image-warp-planes"]');
      await planes.waitFor({ timeout: 60_000 });
      const shown = Number(await planes.getAttribute('data-points'));
      expect(shown).toBeGreaterThanOrEqual(100);
      await expect(planes.getAttribute('data-epoch')).resolves.toBe('60');
      for (const plane of ['input', 'hidden-1']) {
        await waitFor(`${plane} points drawn`, async () => (await canvasInkFraction(page, `[data-testid="image-warp-${plane}"] canvas`)) > 0.02);
      }
      await expect(page.locator('[data-testid="image-warp-hidden-1"]').innerText()).resolves.toMatch(/hidden 1 · 128-D/);
      await ui.shot('instruments-02-image-warp-epoch-60');
      const separatedLate = await page.locator('[data-testid="image-warp-hidden-1"] .insight-plane-caption').innerText();

      // scrub back to the initial weights: the hidden plane changes, the input plane does not
      const hiddenLate = await page.locator('[data-testid="image-warp-hidden-1"] canvas').evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
      const inputLate = await page.locator('[data-testid="image-warp-input"] canvas').evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
      await page.locator('[data-testid="image-warp-scrubber"] input[type="range"]').fill('0');
      await page.locator('[data-testid="image-warp-planes"][data-epoch="0"]').waitFor();
      await waitFor('hidden plane redrawn', async () => (await page.locator('[data-testid="image-warp-hidden-1"] canvas').evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL())) !== hiddenLate);
      expect(await page.locator('[data-testid="image-warp-input"] canvas').evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL())).toBe(inputLate);
      expect(await page.locator('[data-testid="image-warp-hidden-1"] .insight-plane-caption').innerText()).not.toBe(separatedLate);
      await ui.shot('instruments-03-image-warp-epoch-0');

      // a click on a point opens its image
      const point = await firstInkedPixel(page, '[data-testid="image-warp-hidden-1"] canvas');
      expect(point).not.toBeNull();
      await page.mouse.click(point!.x, point!.y);
      const picked = page.locator('[data-testid="image-warp-picked"]');
      await picked.waitFor();
      expect(await canvasInkFraction(page, '[data-testid="image-warp-picked"] canvas')).toBeGreaterThan(0.1);
      await expect(picked.innerText()).resolves.toMatch(new RegExp(`validation image \\d+ of ${shown}`));
      await ui.shot('instruments-04-image-warp-picked');
      expect(ui.errors.slice(errorsBefore)).toEqual([]);
    },
  },
  {
    name: 'linear regions: the toy Space warping view shades the pieces of the plane and counts them per layer',
    timeoutMs: 60_000,
    async run({ ui }) {
      const page = ui.page;
      const errorsBefore = ui.errors.length;
      await ui.nav('spacewarp');
      await page.locator('[data-testid="warp-dataset"]').selectOption('circles');
      await page.locator('[data-testid="warp-depth"]').selectOption('2');
      await page.locator('[data-testid="warp-width"]').selectOption('8');
      const panel = page.locator('[data-testid="linear-regions"]');
      await panel.waitFor();
      const rows = page.locator('[data-testid="linear-regions-by-depth"] tbody tr');
      // the regions follow the retrained two-layer net a few times a second
      await waitFor('two layers counted', async () => (await rows.count()) === 2 && Number(await panel.getAttribute('data-count')) > 4, 30_000);
      // read the table and the panel's count in one turn of the page: the net keeps retraining, so
      // reads spread over several round trips can see two different nets
      const { first, second, count } = await panel.evaluate((node) => {
        interface Found { textContent: string | null; getAttribute(name: string): string | null; querySelectorAll(selector: string): ArrayLike<Found> }
        const root = node as unknown as Found;
        const cells = Array.from(root.querySelectorAll('[data-testid="linear-regions-by-depth"] tbody tr'), (row) => Number((row.querySelectorAll('td')[2]?.textContent ?? '').replace(/[^0-9]/g, '')));
        return { first: cells[0], second: cells[1], count: Number(root.getAttribute('data-count')) };
      });
      // one layer of 8 lines makes at most 1 + 8 + 28 pieces; the second layer only cuts further
      expect(first).toBeGreaterThan(1);
      expect(first).toBeLessThanOrEqual(37);
      expect(second).toBeGreaterThanOrEqual(first);
      expect(count).toBe(second);
      expect(await canvasInkFraction(page, '[data-testid="linear-regions-plane"] canvas')).toBeGreaterThan(0.3);
      await panel.scrollIntoViewIfNeeded();
      await ui.shot('instruments-05-linear-regions');
      expect(ui.errors.slice(errorsBefore)).toEqual([]);
    },
  },
  {
    name: 'change course: a paused run gets a new learning rate, resumes, and every curve carries the change marker',
    timeoutMs: 120_000,
    async run({ ui, lab }) {
      const page = ui.page;
      const errorsBefore = ui.errors.length;
      const run = await invoke<{ id: number }>(lab, 'startRun', courseRun);
      shared.courseRunId = run.id;
      // at full speed the whole run can end before the Pause click lands; 60 mini-batches a
      // second leaves it about 19 s, and the pace is kept when it is resumed
      await invoke(lab, 'setRunPace', { id: run.id, pace: { kind: 'batches', perSecond: 60 } });
      await go(page, `#/run/${run.id}`);
      await page.locator(`[data-testid="run-dashboard"][data-run-id="${run.id}"]`).waitFor();
      await waitFor('some steps trained', async () => (await invoke<{ run: { stepsDone: number } }>(lab, 'getRun', { id: run.id })).run.stepsDone >= 20, 60_000);
      await page.locator('[data-testid="pause-run"]').click();
      const course = page.locator('[data-testid="change-course"]');
      await course.waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="course-lr"]').fill('0.02');
      await page.locator('[data-testid="apply-course"]').click();
      await expect(page.locator('[data-testid="course-changes"] li').first().innerText()).resolves.toMatch(/lr 0\.2 → 0\.02/);
      await page.locator('[data-testid="resume-run"]').click();
      await waitFor('run done', async () => (await invoke<{ run: { status: string } }>(lab, 'getRun', { id: run.id })).run.status === 'done', 90_000);
      for (const chart of ['chart-epoch-loss', 'chart-batch-loss', 'chart-accuracy', 'chart-speed', 'chart-update-ratio', 'chart-grad-norm', 'chart-dead-relus']) {
        await waitFor(`${chart} marked`, async () => (await page.locator(`[data-testid="${chart}"]`).getAttribute('data-markers')) === '1');
        await expect(page.locator(`[data-testid="${chart}"] .chart-marker`).count(), chart).resolves.toBe(1);
      }
      await expect(page.locator('[data-testid="chart-epoch-loss"]').innerText()).resolves.toContain('lr 0.2 → 0.02');
      await page.locator('[data-testid="chart-epoch-loss"]').scrollIntoViewIfNeeded();
      await ui.shot('instruments-06-change-course-markers');
      expect(ui.errors.slice(errorsBefore)).toEqual([]);
    },
  },
  {
    name: 'replay: Re-run of the changed run trains it again from scratch and reports it bit-identical',
    timeoutMs: 120_000,
    async run({ ui }) {
      const page = ui.page;
      const errorsBefore = ui.errors.length;
      const original = shared.courseRunId!;
      await go(page, `#/run/${original}`);
      await page.locator('[data-testid="replay-kernel"]').waitFor();
      await expect(page.locator('[data-testid="replay-kernel"]').innerText()).resolves.toMatch(/^(wasm|native)-\S+ · 1$/);
      await page.locator('[data-testid="rerun"]').click();
      await waitFor('the re-run\'s dashboard', async () => Number(await page.locator('[data-testid="run-dashboard"]').getAttribute('data-run-id')) !== original);
      shared.replayRunId = Number(await page.locator('[data-testid="run-dashboard"]').getAttribute('data-run-id'));
      const verdict = page.locator('[data-testid="replay-verdict"]');
      await verdict.waitFor({ timeout: 100_000 });
      await expect(verdict.getAttribute('data-identical')).resolves.toBe('true');
      await expect(verdict.innerText()).resolves.toMatch(new RegExp(`Bit-identical to run #${original}`));
      await verdict.scrollIntoViewIfNeeded();
      await ui.shot('instruments-07-replay-bit-identical');
      expect(ui.errors.slice(errorsBefore)).toEqual([]);
    },
  },
  {
    name: 'sweeps: a 3×3 grid over learning rate and λ2 runs through the queue and fills its heatmap; a cell opens its run',
    timeoutMs: 180_000,
    async run({ ui, lab }) {
      const page = ui.page;
      const errorsBefore = ui.errors.length;
      // a small, quick base run: 9 cells of it train in seconds
      const base = await invoke<{ id: number }>(lab, 'startRun', { ...courseRun, name: 'sweep base', config: { ...courseRun.config, model: { ...courseRun.config.model, hidden: [{ units: 32, activation: 'relu' }] }, epochs: 20 }, data: { ...courseRun.data, samples: 600 } });
      await waitFor('base run done', async () => (await invoke<{ run: { status: string } }>(lab, 'getRun', { id: base.id })).run.status === 'done', 60_000);
      await ui.nav('sweeps');
      await page.locator('[data-testid="new-sweep"]').waitFor();
      await page.locator(`[data-testid="sweep-base"] option[value="${base.id}"]`).waitFor({ state: 'attached' });
      await page.locator('[data-testid="sweep-base"]').selectOption(String(base.id));
      await page.locator('[data-testid="sweep-values-0"]').fill('0.05, 0.2, 0.8');
      await page.locator('[data-testid="sweep-values-1"]').fill('0, 0.001, 0.01');
      await expect(page.locator('[data-testid="start-sweep"]').innerText()).resolves.toBe('Start 9 runs');
      await page.locator('[data-testid="start-sweep"]').click();
      const sweep = page.locator('[data-testid="sweep"]');
      await sweep.waitFor();
      const sweepId = Number(await sweep.getAttribute('data-sweep-id'));
      await expect(sweep.getAttribute('data-total')).resolves.toBe('9');
      await expect(page.locator('[data-testid="sweep-cell"]').count()).resolves.toBe(9);
      await waitFor('all 9 runs finished', async () => (await sweep.getAttribute('data-finished')) === '9', 170_000, 500);
      await waitFor('every cell filled', async () => (await page.locator('[data-testid="sweep-cell"][data-filled="true"]').count()) === 9);
      const values = (await page.locator('[data-testid="sweep-cell"] strong').allInnerTexts()).map((t) => parseFloat(t));
      expect(values).toHaveLength(9);
      for (const v of values) expect(v).toBeGreaterThan(0);
      await ui.shot('instruments-08-sweep-heatmap');
      const cellRun = await page.locator('[data-testid="sweep-cell"]').nth(4).getAttribute('data-run-id');
      await page.locator('[data-testid="sweep-cell"]').nth(4).click();
      await page.locator(`[data-testid="run-dashboard"][data-run-id="${cellRun}"]`).waitFor();
      await expect(page.locator('[data-testid="run-title"]').innerText()).resolves.toBe('lr 0.2 · l2 0.001');
      expect(ui.errors.slice(errorsBefore)).toEqual([]);

      // leave the lab as the flow had it: only the twins (a sweep's runs go with its experiment)
      const { sweep: record } = await invoke<{ sweep: { experimentId: number } }>(lab, 'getSweep', { id: sweepId });
      await ui.nav('datasets');
      await invoke(lab, 'deleteExperiment', { id: record.experimentId });
      for (const runId of [shared.replayRunId, shared.courseRunId, base.id]) if (runId !== undefined) await invoke(lab, 'deleteRun', { id: runId });
      // deleted behind the page's back: a reload shows the lab as it now is
      await page.reload();
      await page.locator('[data-nav="datasets"][aria-current="page"]').waitFor();
    },
  },
];
