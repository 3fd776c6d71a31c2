/**
 * End-to-end steps for the "look inside" views (templates, sparsity L1 vs L2, space
 * warping), run by lab-flow.test.ts after the L1 vs L2 twins (784 → 128 ReLU → 10 on the
 * built-in sample) have finished. Each step checks what a user would see: canvases that
 * draw something, bars, numbers that differ between the twins, a net that retrains when
 * its activation changes. Screenshots go to test-artifacts/e2e/insight-*.png.
 */

import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { canvasInkFraction, waitFor, type FlowStep } from '../harness';

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);
}

/** A canvas's pixels as one string, to tell whether a drawing changed. */
async function canvasSignature(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((node) => {
    const canvas = node as unknown as { toDataURL(): string };
    return canvas.toDataURL();
  });
}

async function attribute(page: Page, selector: string, name: string): Promise<string> {
  return (await page.locator(selector).first().getAttribute(name)) ?? '';
}

export const steps: FlowStep[] = [
  {
    name: 'weight templates: the L1 twin\'s hidden units as pictures, strongest first, per class feeders, replayable by epoch',
    timeoutMs: 90_000,
    async run({ ui, twins }) {
      const page = ui.page;
      const errorsBefore = ui.errors.length;
      await go(page, `#/templates/${twins.l1}`);
      await page.locator(`[data-testid="templates-view"][data-run-id="${twins.l1}"]`).waitFor();
      const tiles = page.locator('[data-testid="hidden-templates"] canvas');
      await waitFor('hidden-unit templates drawn', async () => (await tiles.count()) >= 48);
      expect(await tiles.count()).toBe(48); // 128 units, the strongest 48 shown
      // real pictures: the first (strongest) template is not one flat colour
      expect(await canvasInkFraction(page, '[data-testid="hidden-templates"] canvas')).toBeGreaterThan(0.3);
      // norms listed from the strongest down
      const norms = (await page.locator('[data-testid="hidden-templates"] figcaption .num').allInnerTexts()).map(Number);
      for (let i = 1; i < norms.length; i++) expect(norms[i]).toBeLessThanOrEqual(norms[i - 1]);
      // one row per class of the sample, each with its top hidden templates from W2
      const rows = page.locator('[data-testid="class-feeders"] .insight-feeder-row');
      await expect(rows.count()).resolves.toBe(10);
      await expect(rows.first().locator('canvas').count()).resolves.toBe(5);
      await expect(page.locator('[data-testid="templates-numbers"]').innerText()).resolves.toMatch(/28×28 gray.*784 → 128 ReLU → 10.*L1/s);
      await ui.shot('insight-01-templates-l1-latest');
      await page.locator('[data-testid="class-feeders"]').scrollIntoViewIfNeeded();
      await ui.shot('insight-02-templates-class-feeders');
      await page.locator('[data-testid="templates-scrubber"]').scrollIntoViewIfNeeded();

      // the scrubber replays training: an early checkpoint draws different templates
      const slider = page.locator('[data-testid="templates-scrubber"] input[type="range"]');
      const checkpoints = Number(await slider.getAttribute('max')) + 1;
      expect(checkpoints).toBeGreaterThan(1);
      const latestLabel = await page.locator('[data-testid="templates-scrubber"] .insight-scrubber-label').innerText();
      const latest = await canvasSignature(page, '[data-testid="hidden-templates"] canvas');
      await slider.fill('0');
      await waitFor('the first checkpoint shown', async () => (await page.locator('[data-testid="templates-scrubber"] .insight-scrubber-label').innerText()) !== latestLabel);
      await waitFor('templates redrawn at the first checkpoint', async () => (await canvasSignature(page, '[data-testid="hidden-templates"] canvas')) !== latest);
      await expect(page.locator('[data-testid="templates-scrubber"] .insight-scrubber-label').innerText()).resolves.toMatch(/^epoch \d+.* · 1 of \d+/);
      await ui.shot('insight-03-templates-first-checkpoint');
      expect(ui.errors.slice(errorsBefore)).toEqual([]);
    },
  },
  {
    name: 'sparsity: the twins side by side, histograms on shared axes, L1 with more weights at zero than L2',
    timeoutMs: 120_000,
    async run({ ui, twins }) {
      const page = ui.page;
      const errorsBefore = ui.errors.length;
      await ui.nav('sparsity');
      // the newest twin pair by default
      await page.locator(`[data-testid="sparsity-view"][data-run-ids="${twins.l1},${twins.l2}"]`).waitFor();
      // one row of two histograms per layer (W1, W2), each with bars
      const rows = page.locator('[data-testid="sparsity-histograms"]');
      await waitFor('histograms of both layers', async () => (await rows.count()) === 2, 60_000);
      for (let layer = 0; layer < 2; layer++) {
        const charts = rows.nth(layer).locator('.insight-hist');
        await expect(charts.count()).resolves.toBe(2);
        for (let side = 0; side < 2; side++) {
          await waitFor('bars drawn', async () => (await charts.nth(side).locator('.recharts-bar-rectangle').count()) > 5);
        }
        // shared axes: both charts of a layer carry the same x and y tick labels
        for (const axis of ['xAxis', 'yAxis']) {
          const ticks = await Promise.all([0, 1].map((side) => charts.nth(side).locator(`.recharts-${axis}-tick-labels .recharts-cartesian-axis-tick-value`).allInnerTexts()));
          expect(ticks[0].length).toBeGreaterThan(2);
          expect(ticks[1]).toEqual(ticks[0]);
        }
      }
      // the numbers: L1 (proximal) zeroes weights exactly, L2 does not
      const zeroL1 = Number(await attribute(page, '[data-testid="zero-fraction-0"]', 'data-value'));
      const zeroL2 = Number(await attribute(page, '[data-testid="zero-fraction-1"]', 'data-value'));
      const nearL1 = Number(await attribute(page, '[data-testid="near-zero-fraction-0"]', 'data-value'));
      const nearL2 = Number(await attribute(page, '[data-testid="near-zero-fraction-1"]', 'data-value'));
      expect(zeroL1).toBeGreaterThan(0);
      expect(zeroL2).toBe(0);
      expect(zeroL1).toBeGreaterThan(zeroL2);
      expect(nearL1).toBeGreaterThan(nearL2);
      const shown = await Promise.all([0, 1].map((i) => page.locator(`[data-testid="zero-fraction-${i}"] .value`).innerText()));
      expect(shown[0]).not.toBe(shown[1]);
      expect(shown[1]).toBe('0.0%');
      await expect(page.locator('[data-testid="sparsity-card-0"]').innerText()).resolves.toMatch(/Val accuracy\s+\d+(\.\d)?%/);
      // zero fractions per epoch: lines over the checkpoints, all four drawn
      await waitFor('zero-fraction lines over several epochs', async () => Number(await attribute(page, '[data-testid="sparsity-lines"]', 'data-points')) > 1, 60_000);
      await expect(page.locator('[data-testid="sparsity-lines"] path.recharts-line-curve').count()).resolves.toBe(4);
      // their first-layer templates next to each other
      for (const i of [0, 1]) {
        await expect(page.locator(`[data-testid="twin-templates-${i}"] canvas`).count()).resolves.toBe(12);
        expect(await canvasInkFraction(page, `[data-testid="twin-templates-${i}"] canvas`)).toBeGreaterThan(0.3);
      }
      await ui.shot('insight-04-sparsity-twins');
      await page.locator('[data-testid="sparsity-lines"]').scrollIntoViewIfNeeded();
      await ui.shot('insight-05-sparsity-zero-lines');
      await rows.first().scrollIntoViewIfNeeded();
      await ui.shot('insight-06-sparsity-histograms');
      await page.locator('[data-testid="twin-templates-0"]').scrollIntoViewIfNeeded();
      await ui.shot('insight-07-sparsity-templates');
      expect(ui.errors.slice(errorsBefore)).toEqual([]);
    },
  },
  {
    name: 'space warping: a net trains live on toy data; switching the activation retrains it; without a non-linearity it collapses to one matrix',
    timeoutMs: 120_000,
    async run({ ui }) {
      const page = ui.page;
      const errorsBefore = ui.errors.length;
      await ui.nav('spacewarp');
      const view = page.locator('[data-testid="spacewarp-view"]');
      await view.waitFor();
      await waitFor('training under way', async () => Number(await view.getAttribute('data-epoch')) > 20, 30_000);
      for (const plane of ['input', 'pre', 'post', 'morph']) {
        expect(await canvasInkFraction(page, `[data-testid="plane-${plane}"] canvas`), `${plane} plane drawn`).toBeGreaterThan(0.05);
      }
      // circles, 4 ReLU units: the classes come apart
      await waitFor('circles separated', async () => parseFloat(await page.locator('[data-testid="warp-accuracy"] .value').innerText()) >= 95, 60_000);
      await ui.shot('insight-08-spacewarp-relu');

      // the morph moves the points from input space into hidden space
      const morphStart = await canvasSignature(page, '[data-testid="plane-morph"] canvas');
      await page.locator('[data-testid="morph-slider"]').fill('1');
      await waitFor('morph at hidden space', async () => (await canvasSignature(page, '[data-testid="plane-morph"] canvas')) !== morphStart);
      await expect(page.locator('[data-testid="plane-morph"] figcaption').innerText()).resolves.toContain('h₁ = act(z₁)');

      // another activation: the net starts over and trains again
      const reluPost = await canvasSignature(page, '[data-testid="plane-post"] canvas');
      await page.locator('[data-testid="warp-activation"]').selectOption('tanh');
      await page.locator('[data-testid="spacewarp-view"][data-activation="tanh"]').waitFor();
      await expect(page.locator('[data-testid="plane-post"] figcaption').innerText()).resolves.toContain('After tanh');
      await waitFor('tanh net trained a while', async () => Number(await view.getAttribute('data-epoch')) > 20, 30_000);
      expect(await canvasSignature(page, '[data-testid="plane-post"] canvas')).not.toBe(reluPost);
      await ui.shot('insight-09-spacewarp-tanh');

      // two ReLU units on XOR: the hidden plane is the two units themselves, in the first quadrant
      await page.locator('[data-testid="warp-activation"]').selectOption('relu');
      await page.locator('[data-testid="warp-dataset"]').selectOption('xor');
      await page.locator('[data-testid="warp-width"]').selectOption('2');
      await waitFor('xor net trained a while', async () => Number(await view.getAttribute('data-epoch')) > 50, 30_000);
      await expect(page.locator('[data-testid="plane-post"]').innerText()).resolves.toContain('h₁, h₂ (the two units themselves)');
      await ui.shot('insight-10-spacewarp-xor-2-units');

      // remove the non-linearity: one matrix, straight boundaries, no better than a line
      await page.locator('[data-testid="warp-dataset"]').selectOption('circles');
      await page.locator('[data-testid="warp-width"]').selectOption('8');
      await page.locator('[data-testid="warp-identity"]').check();
      await page.locator('[data-testid="spacewarp-view"][data-activation="identity"]').waitFor();
      const collapse = page.locator('[data-testid="warp-collapse"]');
      await collapse.waitFor();
      await waitFor('identity net trained a while', async () => Number(await view.getAttribute('data-epoch')) > 100, 30_000);
      const difference = Number((await page.locator('[data-testid="collapse-difference"]').innerText()).replace(/−/g, '-'));
      expect(difference).toBeLessThan(1e-4);
      expect(parseFloat(await page.locator('[data-testid="warp-accuracy"] .value').innerText())).toBeLessThan(70);
      await expect(collapse.locator('.insight-matrix tr').count()).resolves.toBe(3);
      await collapse.scrollIntoViewIfNeeded();
      await ui.shot('insight-11-spacewarp-identity-collapse');
      await page.locator('[data-testid="warp-identity"]').uncheck();
      await page.locator('[data-testid="spacewarp-view"][data-activation="relu"]').waitFor();
      expect(ui.errors.slice(errorsBefore)).toEqual([]);
    },
  },
];
