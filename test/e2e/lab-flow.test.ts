/**
 * The lab end to end, as a user meets it: Debian's Chromium against web mode with the
 * real backend (a fresh SQLite database, real dataset import, real training workers).
 * Each step asserts what is on screen and saves a screenshot to test-artifacts/e2e/.
 * Steps from test/e2e/steps/*.ts (other views) run after the twins finish.
 */

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  closeBrowser,
  openApp,
  startE2eLab,
  waitFor,
  invoke,
  canvasInkFraction,
  repoRoot,
  type AppPage,
  type E2eLab,
  type FlowContext,
  type FlowStep,
} from './harness';

const haveChromium = existsSync(chromiumPath);
const extraSteps = Object.entries(import.meta.glob<{ steps: FlowStep[] }>('./steps/*.ts', { eager: true }))
  .sort(([a], [b]) => a.localeCompare(b))
  .flatMap(([, module]) => module.steps);

/** Small enough to train in ~20 s on two busy cores, long enough to pause one twin mid-way. */
const twinEpochs = 60;
const twinWidth = 128;

describe.skipIf(!haveChromium)('the lab in Chromium, end to end', () => {
  let lab: E2eLab;
  let ui: AppPage;
  const context = {} as FlowContext;

  beforeAll(async () => {
    lab = await startE2eLab({ maxConcurrentRuns: 2 });
    ui = await openApp(lab, { width: 1280, height: 800 });
    Object.assign(context, { lab, ui });
  }, 120_000);

  afterAll(async () => {
    await ui?.close();
    await closeBrowser();
    await lab?.close();
  });

  const statusOf = (runId: number) => ui.page.locator(`[data-testid="compare-view"] tr[data-run-id="${runId}"]`).getAttribute('data-status');
  const reach = async () => (await ui.page.locator('[data-testid="compare-batch-loss"]').getAttribute('data-reach'))!.split(',').map(Number);

  it('opens fresh: an empty lab leads to the built-in sample', async () => {
    const page = ui.page;
    await expect(page.getByRole('heading', { name: 'No datasets yet' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-testid="empty-use-sample"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-testid="jobs-indicator"]').innerText()).resolves.toContain('Nothing running');
    // the other views point the same way
    await ui.nav('runs');
    await expect(page.getByRole('button', { name: 'Import the built-in sample' }).isVisible()).resolves.toBe(true);
    await ui.shot('01-fresh-runs-empty');
    await ui.nav('datasets');
    await ui.shot('01-fresh-datasets-empty');
  });

  it('imports the built-in sample, showing progress', async () => {
    const page = ui.page;
    await page.locator('[data-testid="empty-use-sample"]').click();
    await expect(page.locator('[data-testid="import-panel"]').innerText()).resolves.toContain('Fashion-MNIST');
    // a preview of the preprocessing before anything is imported: real pixels, at the chosen size
    const preview = page.locator('[data-testid="preprocess-preview"] canvas');
    await waitFor('preview images', async () => (await preview.count()) >= 8);
    expect(await canvasInkFraction(page, '[data-testid="preprocess-preview"] canvas')).toBeGreaterThan(0.1);
    expect(await preview.first().getAttribute('width')).toBe('28');
    await page.getByLabel('Width', { exact: true }).fill('20');
    await waitFor('the preview at the new size', async () => (await preview.first().getAttribute('width')) === '20');
    await page.getByLabel('Width', { exact: true }).fill('28');
    await waitFor('the preview back at 28', async () => (await preview.first().getAttribute('width')) === '28');
    await ui.shot('02-import-options-preview');
    await page.locator('[data-testid="start-import"]').click();
    // progress while it runs: the bar, a count and the file being read, and the header's job
    const progress = page.locator('[data-testid="import-progress"]');
    await waitFor('import progress with a file name', async () => /(Scanning|Decoding) [\d,]+ \/ [\d,]+/.test(await progress.innerText()) && (await progress.locator('.file').innerText()).length > 0, 30_000, 50);
    await expect(page.locator('[data-testid="jobs-indicator"]').innerText()).resolves.toContain('importing');
    await expect(page.locator('[data-testid="cancel-import"]').isVisible()).resolves.toBe(true);
    await ui.shot('02-import-progress');

    await page.locator('[data-testid="class-counts"]').waitFor({ timeout: 90_000 });
    const report = page.locator('.panel', { has: page.getByRole('heading', { name: 'Fashion-MNIST sample' }) });
    await expect(report.locator('.stat', { hasText: 'Images' }).locator('.value').innerText()).resolves.toBe('2,500');
    await expect(report.locator('.stat', { hasText: 'Classes' }).locator('.value').innerText()).resolves.toBe('10');
    await expect(report.locator('.stat', { hasText: 'Image size' }).locator('.value').innerText()).resolves.toBe('28×28');
    // one stacked bar per class and split
    await expect(page.locator('[data-testid="class-counts"] .recharts-bar-rectangle').count()).resolves.toBeGreaterThanOrEqual(20);
    // thumbnails of every class, drawn from the imported files
    await waitFor('thumbnails', async () => (await page.locator('[data-testid="thumbnails"] canvas').count()) >= 10 * 8);
    expect(await canvasInkFraction(page, '[data-testid="thumbnails"] canvas')).toBeGreaterThan(0.1);
    await ui.shot('03-sample-imported');
    await page.locator('[data-testid="thumbnails"]').scrollIntoViewIfNeeded();
    await ui.shot('03-sample-thumbnails');

    const datasets = await invoke<{ datasets: { id: number; name: string }[] }>(lab, 'listDatasets');
    expect(datasets.datasets.map((d) => d.name)).toEqual(['Fashion-MNIST sample']);
    context.datasetId = datasets.datasets[0].id;
  });

  it('starts an L1 vs L2 twin from the new-experiment view', async () => {
    const page = ui.page;
    await page.locator('[data-testid="train-on-dataset"]').click();
    await page.locator('[data-testid="model-builder"]').waitFor();
    await page.locator('[data-testid="preset-mlp2"]').click();
    await page.getByLabel('Layer 1 width').fill(String(twinWidth));
    await page.getByLabel('Epochs').fill(String(twinEpochs));
    await page.getByLabel('Batch size').fill('32');
    await page.getByLabel('Run name').fill('sample twins');
    await expect(page.locator('[data-testid="architecture"]').innerText()).resolves.toBe(`784 → ${twinWidth} ReLU → 10`);
    // inline validation: a bad value is named at once and blocks nothing else
    await page.getByLabel('Epochs').fill('0');
    await page.getByText('Must be at least 1').first().waitFor();
    await ui.shot('04-new-experiment-invalid');
    await page.getByLabel('Epochs').fill(String(twinEpochs));
    await expect(page.getByText('Must be at least 1').count()).resolves.toBe(0);
    await ui.shot('04-new-experiment');

    await page.locator('[data-testid="start-twins"]').click();
    await page.locator('[data-testid="compare-view"]').waitFor();
    const rows = page.locator('[data-testid="compare-view"] tr[data-run-id]');
    await waitFor('two twin rows', async () => (await rows.count()) === 2);
    const names = await rows.locator('.link-button').allInnerTexts();
    expect(names).toEqual(['sample twins · L1', 'sample twins · L2']);
    const ids = (await rows.evaluateAll((r) => r.map((row) => Number(row.getAttribute('data-run-id'))))) as number[];
    context.twins = { l1: ids[0], l2: ids[1] };
    const differences = await page.locator('[data-testid="differences"] td[data-path]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-path') ?? ''));
    expect(differences).toContain('config.regularizer.kind');
    await expect(page.locator('[data-testid="differences"] td[data-path="config.regularizer.kind"]').innerText()).resolves.toBe('Regularizer');
    expect(differences.every((path) => path.startsWith('config.regularizer.'))).toBe(true);
    await ui.shot('05-twins-started');
  });

  it('shows both loss curves growing while the twins train', async () => {
    const page = ui.page;
    // both training, both drawn: the starting point
    const first = await waitFor(
      'both twins training with their curves drawn',
      async () => {
        const both = (await statusOf(context.twins.l1)) === 'running' && (await statusOf(context.twins.l2)) === 'running';
        const r = await reach();
        return both && r.length === 2 && r.every((x) => x > 0) ? r : null;
      },
      60_000,
    );
    const later = await waitFor('both curves longer', async () => {
      const r = await reach();
      return r[0] > first[0] && r[1] > first[1] ? r : null;
    });
    expect(later[0]).toBeGreaterThan(first[0]);
    expect(later[1]).toBeGreaterThan(first[1]);
    // two drawn lines, each with many points, and a header that counts them
    const lines = await page.locator('[data-testid="compare-batch-loss"] path.recharts-line-curve').count();
    expect(lines).toBe(2);
    await expect(page.locator('[data-testid="jobs-indicator"]').innerText()).resolves.toContain('2 training');
    await ui.shot('06-twins-training');
  });

  it('pauses one twin and resumes it', async () => {
    const page = ui.page;
    const { l1, l2 } = context.twins;
    const l1Row = page.locator(`[data-testid="compare-view"] tr[data-run-id="${l1}"]`);
    await l1Row.locator('[data-testid="pause-run"]').click();
    await waitFor('the L1 twin paused', async () => (await statusOf(l1)) === 'paused', 30_000);
    await expect(l1Row.locator('.badge').innerText()).resolves.toBe('Paused');
    await expect(l1Row.locator('[data-testid="resume-run"]').isVisible()).resolves.toBe(true);
    // The chart refetches its series about once a second, so under load it may still be
    // drawing the last steps trained before the pause: wait until the curve holds still.
    let pausedAt = (await reach())[0];
    await waitFor('the paused curve to settle', async () => {
      await page.waitForTimeout(2000);
      const now = (await reach())[0];
      const settled = now === pausedAt;
      pausedAt = now;
      return settled;
    }, 60_000);
    // the other twin trains on while the paused one stays put
    const l2Status = await statusOf(l2);
    expect(['running', 'done']).toContain(l2Status);
    await page.waitForTimeout(1500);
    expect((await reach())[0]).toBe(pausedAt);
    await ui.shot('07-one-twin-paused');

    await l1Row.locator('[data-testid="resume-run"]').click();
    await waitFor('the L1 twin training again', async () => ['running', 'done'].includes((await statusOf(l1)) ?? ''), 30_000);
    await waitFor('the L1 curve growing again', async () => (await reach())[0] > pausedAt, 30_000);
    await ui.shot('08-twin-resumed');
  });

  it('the twins finish, with accuracy on the validation split', async () => {
    const { l1, l2 } = context.twins;
    await waitFor('both twins done', async () => (await statusOf(l1)) === 'done' && (await statusOf(l2)) === 'done', 180_000, 500);
    const accuracies = await ui.page.locator('[data-testid="compare-view"] tr[data-run-id] [data-testid="compare-val-acc"]').allInnerTexts();
    expect(accuracies).toHaveLength(2);
    for (const text of accuracies) expect(Number(text.replace('%', ''))).toBeGreaterThan(50);
    await expect(ui.page.locator('[data-testid="jobs-indicator"]').innerText()).resolves.toContain('Nothing running');
    await ui.shot('09-twins-done');
  }, 200_000);

  for (const step of extraSteps) {
    it(step.name, () => step.run(context), step.timeoutMs ?? 60_000);
  }

  it('opens the run dashboard of a finished twin', async () => {
    const page = ui.page;
    await page.goto(`${lab.url}#/run/${context.twins.l2}`);
    await page.locator('[data-testid="run-dashboard"]').waitFor();
    await expect(page.locator('[data-testid="run-title"]').innerText()).resolves.toBe('sample twins · L2');
    await waitFor('epoch curves', async () => Number(await page.locator('[data-testid="chart-epoch-loss"]').getAttribute('data-points')) >= twinEpochs);
    await expect(page.locator('[data-testid="chart-epoch-loss"] path.recharts-line-curve').count()).resolves.toBe(3);
    await ui.shot('10-run-dashboard');

    // the confusion matrix on the validation split: every validation image counted once
    const matrix = page.locator('[data-testid="confusion-matrix"]');
    await matrix.waitFor({ timeout: 60_000 });
    const cells = matrix.locator('td[data-cell]');
    await expect(cells.count()).resolves.toBe(100);
    const counts = (await cells.allInnerTexts()).map((t) => Number(t.replace(/,/g, '') || 0));
    const run = await invoke<{ run: { split: { val: number } } }>(lab, 'getRun', { id: context.twins.l2 });
    const { datasets } = await invoke<{ datasets: { samples: { train: number; val: number } }[] }>(lab, 'listDatasets');
    const pool = datasets[0].samples.train + datasets[0].samples.val; // the folder's train/ images; test/ stays out
    expect(counts.reduce((a, b) => a + b, 0)).toBe(Math.round(pool * run.run.split.val));
    // a mistake: click the largest off-diagonal cell and see its images with probabilities
    let worst = -1;
    for (let i = 0; i < 100; i++) if (i % 11 !== 0 && (worst < 0 || counts[i] > counts[worst])) worst = i;
    expect(counts[worst]).toBeGreaterThan(0);
    await cells.nth(worst).click();
    const examples = page.locator('[data-testid="cell-example"]');
    await waitFor('the misclassified images', async () => (await examples.count()) === Math.min(24, counts[worst]));
    expect(await canvasInkFraction(page, '[data-testid="cell-example"] canvas')).toBeGreaterThan(0.1);
    await expect(examples.first().innerText()).resolves.toMatch(/\d+%/);
    await page.locator('[data-testid="confusion"]').scrollIntoViewIfNeeded();
    await ui.shot('11-confusion-mistakes');
  });

  it('predicts one image', async () => {
    const page = ui.page;
    await page.locator('[data-testid="run-dashboard"]').getByRole('button', { name: 'Predict' }).click();
    await page.locator('[data-testid="predict-view"]').waitFor();
    await expect(page.locator('[data-testid="predict-model"]').inputValue()).resolves.toBe(`run:${context.twins.l2}`);
    const image = join(repoRoot, 'resources', 'fashion-mnist-sample', 'test', 'Trouser', readdirSync(join(repoRoot, 'resources', 'fashion-mnist-sample', 'test', 'Trouser'))[0]);
    await page.locator('[data-testid="predict-file-input"]').setInputFiles(image);
    const card = page.locator('[data-testid="prediction"]');
    await card.waitFor({ timeout: 30_000 });
    // the image as the model saw it, a probability per class summing to 1, and the winner named
    expect(await canvasInkFraction(page, '[data-testid="prediction"] canvas')).toBeGreaterThan(0.1);
    await expect(card.locator('[data-testid="preprocessed-caption"]').innerText()).resolves.toContain('28×28');
    const rows = card.locator('[data-testid="probabilities"] .prob-row');
    await expect(rows.count()).resolves.toBe(10);
    const percents = (await rows.locator('.num').allInnerTexts()).map((t) => Number(t.replace('%', '')));
    expect(percents.reduce((a, b) => a + b, 0)).toBeGreaterThan(99);
    expect(percents.reduce((a, b) => a + b, 0)).toBeLessThan(101);
    const top = (await rows.first().locator('span').first().innerText()).trim();
    await expect(card.locator('[data-testid="predicted-label"]').innerText()).resolves.toContain(top);
    // why: hidden units that pushed the winner, drawn as their first-layer templates
    await card.locator('[data-testid="explanation"] canvas').first().waitFor();
    expect(await canvasInkFraction(page, '[data-testid="explanation"] canvas')).toBeGreaterThan(0.1);
    await ui.shot('12-predict');
  });

  it('exports the model as ONNX and shows what was written', async () => {
    const page = ui.page;
    await ui.nav('export');
    await page.locator('[data-testid="export-view"]').waitFor();
    await page.locator('[data-testid="export-model"]').selectOption(`run:${context.twins.l2}`);
    await page.getByRole('radio', { name: 'ONNX' }).click();
    // the suggested name follows the format once React has re-rendered
    await waitFor('file name with the ONNX extension', async () => (await page.locator('[data-testid="export-file-name"]').inputValue()) === 'sample twins · L2.onnx');
    await page.locator('[data-testid="export-folder"]').fill(lab.dataDir);
    await page.locator('[data-testid="export-file-name"]').fill('twin-l2.onnx');
    await page.locator('[data-testid="export-start"]').click();
    const result = page.locator('[data-testid="export-result"]');
    await result.waitFor({ timeout: 30_000 });
    const written = join(lab.dataDir, 'twin-l2.onnx');
    await expect(result.innerText()).resolves.toContain(written);
    expect(statSync(written).size).toBeGreaterThan(784 * 128 * 4);
    // the same name again is refused, with the offer to replace it
    await page.locator('[data-testid="export-start"]').click();
    await page.getByRole('alert').getByText('already exists').waitFor();
    await ui.shot('13-export');
  });

  it('keeps the runs list: filter, rename, sort, and delete only after confirming', async () => {
    const page = ui.page;
    await page.keyboard.press('3'); // the runs view by its shortcut
    const table = page.locator('[data-testid="runs-table"]');
    await table.waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(2);
    await page.keyboard.press('/');
    await page.keyboard.type('L1');
    await waitFor('one run left', async () => (await table.locator('tbody tr').count()) === 1);
    const row = table.locator(`tr[data-run-id="${context.twins.l1}"]`);
    await row.getByRole('button', { name: /^Rename/ }).click();
    await row.getByLabel('New name').fill('sparse twin');
    await row.getByLabel('New name').press('Enter');
    await waitFor('the new name', async () => (await row.locator('.link-button').innerText()) === 'sparse twin');
    expect((await invoke<{ run: { name: string } }>(lab, 'getRun', { id: context.twins.l1 })).run.name).toBe('sparse twin');
    await page.getByLabel('Search runs').fill('');
    await table.getByRole('columnheader', { name: /Val acc/ }).click();
    await expect(table.locator('tbody tr').count()).resolves.toBe(2);
    await row.getByRole('button', { name: /^Delete/ }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.innerText()).resolves.toContain('cannot be undone');
    await ui.shot('14-runs-delete-confirm');
    await page.keyboard.press('Escape');
    await expect(dialog.count()).resolves.toBe(0);
    await expect(table.locator('tbody tr').count()).resolves.toBe(2);
    await ui.shot('14-runs');
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).innerText()).resolves.toContain('New experiment');
    await page.keyboard.press('Escape');
  });
});

/** The shell renders with no console error in every main view, big and small, light and dark. */
describe.skipIf(!haveChromium)('every main view renders cleanly', () => {
  let lab: E2eLab;

  beforeAll(async () => {
    lab = await startE2eLab({ maxConcurrentRuns: 1 });
    // a little real content: the sample and one short finished run
    const jobId = 'views-sample';
    const imported = await invoke<{ dataset: { id: number } }>(lab, 'importSample', { jobId, options: { width: 28, height: 28, channels: 1 } });
    const run = await invoke<{ id: number }>(lab, 'startRun', {
      name: 'linear baseline',
      config: {
        model: { inputSize: 784, numClasses: 10, hidden: [] },
        loss: 'softmax',
        regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false },
        optimizer: { kind: 'sgd', lr: 0.1 },
        schedule: { kind: 'constant' },
        batchSize: 64,
        epochs: 3,
        seed: 1,
      },
      data: { kind: 'dataset', datasetId: imported.dataset.id, normalization: 'scale' },
    });
    await waitFor('the baseline run to finish', async () => (await invoke<{ run: { status: string } }>(lab, 'getRun', { id: run.id })).run.status === 'done', 60_000, 250);
  }, 180_000);

  afterAll(async () => {
    await closeBrowser();
    await lab?.close();
  });

  const views = ['datasets', 'new', 'runs', 'run', 'templates', 'sparsity', 'compare', 'spacewarp', 'predict', 'export'];
  const sizes = [
    { width: 1280, height: 800, scheme: 'light' as const },
    { width: 800, height: 600, scheme: 'dark' as const },
  ];

  for (const size of sizes) {
    it(`at ${size.width}×${size.height} (${size.scheme})`, async () => {
      const ui = await openApp(lab, { width: size.width, height: size.height }, size.scheme);
      try {
        for (const view of views) {
          await ui.nav(view);
          await ui.page.locator('.view h1').first().waitFor();
          // the page never scrolls sideways: everything fits the window
          const overflow = await ui.page.locator('#main').evaluate((main) => main.scrollWidth - main.clientWidth);
          expect(overflow, `${view} overflows by ${overflow}px`).toBeLessThanOrEqual(1);
          await ui.shot(`views-${size.width}x${size.height}-${view}`);
        }
        expect(ui.errors).toEqual([]);
      } finally {
        await ui.close();
      }
    }, 120_000);
  }
});
