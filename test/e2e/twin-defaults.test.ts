/**
 * The L1 vs L2 twin with nothing changed on the New experiment form, on the built-in
 * sample, in Chromium against web mode (real import, real training workers): the lesson
 * of CONCEPTS §5 must show by default. The sparsity view shows at least 30 % of the L1
 * twin's first-layer weights exactly at zero and none of the L2 twin's, and the two score
 * within 3 points of each other on the sample's test images.
 */

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasInkFraction, chromiumPath, closeBrowser, invoke, openApp, startE2eLab, waitFor, type AppPage, type E2eLab } from './harness';

describe.skipIf(!existsSync(chromiumPath))('the default L1 vs L2 twin on the built-in sample', () => {
  let lab: E2eLab;
  let ui: AppPage;

  beforeAll(async () => {
    lab = await startE2eLab({ maxConcurrentRuns: 2 });
    ui = await openApp(lab, { width: 1280, height: 900 });
  }, 120_000);

  afterAll(async () => {
    await ui?.close();
    await closeBrowser();
    await lab?.close();
  });

  it('trains the twins from the form\'s defaults and the sparsity view tells them apart', async () => {
    const page = ui.page;
    await page.locator('[data-testid="empty-use-sample"]').click();
    await page.locator('[data-testid="start-import"]').click();
    await page.locator('[data-testid="class-counts"]').waitFor({ timeout: 90_000 });

    await page.locator('[data-testid="train-on-dataset"]').click();
    await page.locator('[data-testid="model-builder"]').waitFor();
    // the form says exactly which λ each twin trains with
    await expect(page.locator('[data-testid="twin-lambda"]').innerText()).resolves.toMatch(/L1 \(proximal\) at λ = 1e−3 vs L2 at λ = 1e−3/);
    await ui.shot('twin-defaults-01-form');
    await page.locator('[data-testid="start-twins"]').click();
    await page.locator('[data-testid="compare-view"]').waitFor();
    const rows = page.locator('[data-testid="compare-view"] tr[data-run-id]');
    await waitFor('two twin rows', async () => (await rows.count()) === 2);
    const [l1, l2] = (await rows.evaluateAll((r) => r.map((row) => Number(row.getAttribute('data-run-id'))))) as number[];
    const statusOf = (id: number) => page.locator(`[data-testid="compare-view"] tr[data-run-id="${id}"]`).getAttribute('data-status');
    await waitFor('both twins done', async () => (await statusOf(l1)) === 'done' && (await statusOf(l2)) === 'done', 240_000, 500);

    await ui.nav('sparsity');
    await page.locator(`[data-testid="sparsity-view"][data-run-ids="${l1},${l2}"]`).waitFor();
    const zeroShare = async (i: number) => Number(await page.locator(`[data-testid="zero-fraction-${i}"]`).getAttribute('data-value'));
    await waitFor('zero shares measured', async () => !Number.isNaN(await zeroShare(0)) && (await page.locator('[data-testid="zero-fraction-0"]').getAttribute('data-value')) !== null, 60_000);
    // the default model is linear: its one weight matrix is the first layer
    await expect(page.locator('[data-testid="sparsity-card-0"]').innerText()).resolves.toMatch(/784 → 10 \(linear\)/);
    const [zeroL1, zeroL2] = [await zeroShare(0), await zeroShare(1)];
    await ui.shot('twin-defaults-02-sparsity');

    const testAccuracy = async (runId: number) => (await invoke<{ accuracy: number; count: number }>(lab, 'evaluateRun', { runId, split: 'test' }));
    const [testL1, testL2] = [await testAccuracy(l1), await testAccuracy(l2)];
    console.log(`default twins: L1 ${(100 * zeroL1).toFixed(1)} % zeros, test ${(100 * testL1.accuracy).toFixed(1)} %; L2 ${(100 * zeroL2).toFixed(1)} % zeros, test ${(100 * testL2.accuracy).toFixed(1)} %`);
    expect(zeroL1).toBeGreaterThanOrEqual(0.3);
    expect(zeroL2).toBe(0);
    expect(testL1.count).toBe(500);
    expect(Math.abs(testL1.accuracy - testL2.accuracy)).toBeLessThanOrEqual(0.03);
    expect(testL2.accuracy).toBeGreaterThan(0.7); // both learnt the task
    expect(ui.errors).toEqual([]);
  }, 420_000);

  it('space warping: rings → polar plane with a straight boundary → a circle in the input plane', async () => {
    const page = ui.page;
    await ui.nav('spacewarp');
    const view = page.locator('[data-testid="spacewarp-view"]');
    await page.locator('[data-testid="warp-dataset"]').selectOption('circles');
    await page.locator('[data-testid="warp-depth"]').selectOption('0');
    await page.locator('[data-testid="warp-features"]').selectOption('polar');
    await page.locator('[data-testid="plane-features"]').waitFor();
    await waitFor('the linear model on (r, θ) trained', async () => Number(await view.getAttribute('data-epoch')) >= 100, 60_000);
    for (const plane of ['input', 'features']) {
      expect(await canvasInkFraction(page, `[data-testid="plane-${plane}"] canvas`), `${plane} plane drawn`).toBeGreaterThan(0.05);
    }
    await expect(page.locator('[data-testid="plane-features"]').innerText()).resolves.toMatch(/axes: the features r, θ/);
    await expect(page.locator('[data-testid="warp-stats"]').innerText()).resolves.toMatch(/(9[7-9](\.\d)?|100(\.0)?)%/);
    await ui.shot('twin-defaults-03-spacewarp-polar');
    expect(ui.errors).toEqual([]);
  }, 120_000);
});
