/**
 * The L1 vs L2 twin with nothing changed on the New experiment form, on the built-in
 * sample, in Chromium against web mode (real import, real training workers): the lesson
 * of CONCEPTS §5 must show by default. The sparsity view shows at least 30 % of the L1
 * twin's first-layer weights exactly at zero and none of the L2 twin's, and the two score
 * within 3 points of each other on the sample's test images. The L1 twin's card, its row
 * in the runs list and Compare show one data loss and its penalty λR(W) apart; a run that
 * diverges says so on its card with the learning rate to try next.
 */

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasInkFraction, chromiumPath, closeBrowser, invoke, openApp, startE2eLab, waitFor, type AppPage, type E2eLab } from './harness';
import { formatNumber, formatPercent } from '../../src-renderer/format';
import type { RunSummary } from '../../src-shared/training/records';

describe.skipIf(!existsSync(chromiumPath))('the default L1 vs L2 twin on the built-in sample', () => {
  let lab: E2eLab;
  let ui: AppPage;
  /** the finished twins' run ids (the first test trains them) */
  let twins: { l1: number; l2: number } | null = null;

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
    twins = { l1, l2 };

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

  it('shows the L1 twin\'s data loss with one number on its card, in the runs list and in Compare, and its penalty apart', async () => {
    expect(twins, 'the twins of the first test').not.toBeNull();
    const { l1, l2 } = twins!;
    const page = ui.page;
    const run = (await invoke<{ run: { summary: RunSummary; config: { regularizer: { kind: string } } } }>(lab, 'getRun', { id: l1 })).run;
    expect(run.config.regularizer.kind).toBe('l1');
    const lastOf = async (name: string) => (await invoke<{ series: { value: (number | null)[] }[] }>(lab, 'getMetricSeries', { runId: l1, series: [{ split: 'train', name }], maxPoints: 1000 })).series[0].value.at(-1)!;
    // the summary is the last epoch's data loss and penalty, apart (not their total)
    expect(run.summary.trainDataLoss).toBe(await lastOf('dataLoss'));
    expect(run.summary.trainPenalty).toBe(await lastOf('regLoss'));
    expect(run.summary.trainPenalty!).toBeGreaterThan(0);
    const dataLoss = formatNumber(run.summary.trainDataLoss);
    const penalty = formatNumber(run.summary.trainPenalty);
    const total = formatNumber(await lastOf('loss'));
    expect(total).not.toBe(dataLoss);

    await ui.nav('runs');
    const listRow = page.locator(`[data-testid="runs-table"] tr[data-run-id="${l1}"]`);
    await listRow.waitFor();
    await expect(page.locator('[data-testid="runs-table"] thead').innerText()).resolves.toMatch(/Train data loss/);
    await expect(listRow.locator('[data-testid="run-train-data-loss"]').innerText()).resolves.toBe(dataLoss);
    await expect(listRow.locator('[data-testid="run-penalty"]').innerText()).resolves.toBe(penalty);
    await expect(listRow.locator('[data-testid="run-val-baseline"]').innerText()).resolves.toMatch(/^majority \d+\.\d%$/);

    await listRow.locator('button.link-button').click();
    const card = page.locator(`[data-testid="run-dashboard"][data-run-id="${l1}"]`);
    await card.waitFor();
    await expect(card.locator('[data-testid="stat-train-data-loss"] .label').innerText()).resolves.toMatch(/data loss/i);
    await expect(card.locator('[data-testid="stat-train-data-loss"] .value').innerText()).resolves.toBe(dataLoss);
    await expect(card.locator('[data-testid="stat-penalty"] .label').innerText()).resolves.toMatch(/penalty λR\(W\)/i);
    await expect(card.locator('[data-testid="stat-penalty"] .value').innerText()).resolves.toBe(penalty);
    await expect(card.locator('[data-testid="stat-val-acc"] .sub').innerText()).resolves.toMatch(/majority \d+\.\d% · \d+ images/);
    await expect(card.locator('[data-testid="small-val-warning"]').count()).resolves.toBe(0);
    await ui.shot('twin-defaults-03-l1-card');

    await card.getByRole('button', { name: 'Compare with twin' }).click();
    const compareRow = page.locator(`[data-testid="compare-view"] tr[data-run-id="${l1}"]`);
    await compareRow.waitFor();
    const head = await page.locator('[data-testid="compare-view"] table thead').first().innerText();
    expect(head).toMatch(/Train data loss/);
    expect(head).toMatch(/Penalty λR\(W\)/);
    await expect(compareRow.locator('[data-testid="compare-train-data-loss"]').innerText()).resolves.toBe(dataLoss);
    await expect(compareRow.locator('[data-testid="compare-penalty"]').innerText()).resolves.toBe(penalty);
    await expect(page.locator(`[data-testid="compare-view"] tr[data-run-id="${l2}"] [data-testid="compare-train-data-loss"]`).innerText()).resolves.not.toBe('–');
    expect(ui.errors).toEqual([]);
  }, 60_000);

  it('a run that goes wrong says so on its card: diverged with the learning rate to try, the majority baseline, a small validation split', async () => {
    expect(twins, 'the twins of the first test').not.toBeNull();
    const page = ui.page;
    const { run: twin } = await invoke<{ run: { config: Record<string, unknown> & { optimizer: Record<string, unknown> }; data: unknown } }>(lab, 'getRun', { id: twins!.l1 });
    // a learning rate far too large, and a validation split of about 20 images
    const started = await invoke<{ id: number }>(lab, 'startRun', {
      name: 'lr far too large',
      config: { ...twin.config, optimizer: { ...twin.config.optimizer, lr: 50 }, epochs: 3 },
      data: twin.data,
      split: { val: 0.01, test: 0, seed: 1 },
    });
    const card = page.locator(`[data-testid="run-dashboard"][data-run-id="${started.id}"]`);
    await ui.nav('runs');
    await page.locator(`[data-testid="runs-table"] tr[data-run-id="${started.id}"] button.link-button`).click();
    await card.waitFor();
    await waitFor('the run diverged', async () => (await invoke<{ run: { status: string } }>(lab, 'getRun', { id: started.id })).run.status === 'diverged', 120_000, 500);
    const diverged = card.locator('[data-testid="run-diverged"]');
    await diverged.waitFor({ timeout: 10_000 });
    await expect(diverged.innerText()).resolves.toMatch(/Diverged: training diverged at step \d+.*Lower the learning rate.*try 5 instead of 50/s);
    const { run } = await invoke<{ run: { splits: { val: { samples: number; majorityAccuracy: number } | null } | null } }>(lab, 'getRun', { id: started.id });
    expect(run.splits!.val!.samples).toBeLessThan(30);
    await expect(card.locator('[data-testid="small-val-warning"]').innerText()).resolves.toMatch(new RegExp(`Only ${run.splits!.val!.samples} validation images`));
    await expect(card.locator('[data-testid="stat-val-acc"] .sub').innerText()).resolves.toBe(`majority ${formatPercent(run.splits!.val!.majorityAccuracy)} · ${run.splits!.val!.samples} images`);
    await ui.shot('twin-defaults-04-diverged-card');
    expect(ui.errors).toEqual([]);
  }, 180_000);

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
