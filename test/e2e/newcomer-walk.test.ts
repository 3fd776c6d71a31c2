/**
 * A newcomer's walk (issue 16), Chromium against web mode with the real backend: the
 * built-in sample and a generated two-class photo folder (with identical copies and a
 * stray text file), the experiment form across a reload, a CLI run on the same folder
 * seen without a reload, Predict across two models, the templates scrubber, Step on the
 * dashboard, and every view in both themes at 800×600 and 1280×800 with no number tile
 * cutting its text. No console or page error anywhere in the walk.
 */

import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasInkFraction, chromiumPath, closeBrowser, invoke, openApp, repoRoot, startE2eLab, waitFor, type AppPage, type E2eLab } from './harness';

const haveChromium = existsSync(chromiumPath);

/** Two classes of 20 photos each (48×48 RGB, a class-specific shape on noise), 3 identical copies and a text file. */
const perClass = 20;
const copies = 3;
async function writePhotoFolder(root: string): Promise<void> {
  for (const [k, name] of ['cat', 'horse'].entries()) {
    mkdirSync(join(root, name), { recursive: true });
    for (let i = 0; i < perClass; i++) {
      const size = 48;
      const pixels = Buffer.alloc(size * size * 3);
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          // cats: a bright disc; horses: a dark horizontal band; both on per-image noise
          const inShape = k === 0 ? (x - 24 - (i % 5)) ** 2 + (y - 24) ** 2 < 140 : Math.abs(y - 20 - (i % 7)) < 6;
          const noise = (x * 31 + y * 17 + i * 101) % 64;
          for (let c = 0; c < 3; c++) pixels[(y * size + x) * 3 + c] = Math.min(255, (inShape ? (k === 0 ? 210 : 40) : 120) + noise - 32 + c * 10 * k);
        }
      }
      await sharp(pixels, { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: 90 }).toFile(join(root, name, `${name}-${i}.jpg`));
    }
  }
  for (let i = 0; i < copies; i++) copyFileSync(join(root, 'cat', `cat-${i}.jpg`), join(root, 'cat', `copy-of-cat-${i}.jpg`));
  writeFileSync(join(root, 'cat', 'notes.txt'), 'where these photos came from\n');
}

/** Records, in the page, whether any of `selectors` ever matched (a loading state may last one frame). */
const watchScript = (selectors: string[]) => `(() => {
  const seen = (window.__seen ??= {});
  const selectors = ${JSON.stringify(selectors)};
  const look = () => { for (const s of selectors) if (document.querySelector(s)) seen[s] = true; };
  new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
  look();
})()`;
const seenScript = (selector: string) => `Boolean(window.__seen && window.__seen[${JSON.stringify(selector)}])`;

/** A cheap fingerprint of every template tile's pixels, to tell epochs apart. */
const tilesFingerprint = `(() => [...document.querySelectorAll('[data-testid="template-tile"] canvas')].map((canvas) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let h = 0;
  for (let i = 0; i < data.length; i += 4) h = (h * 31 + data[i] * 7 + data[i + 1] * 3 + data[i + 2]) >>> 0;
  return h;
}).join(','))()`;

/** Every number tile whose text does not fit its box. */
const overflowingTiles = `[...document.querySelectorAll('.stat, .stat > div')].filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.className + ': ' + e.textContent)`;

function cliTrain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src-main/cli/lab.ts', 'train', ...args], { cwd: repoRoot, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function finished(lab: E2eLab, id: number): Promise<void> {
  await waitFor(`run ${id} to finish`, async () => (await invoke<{ run: { status: string } }>(lab, 'getRun', { id })).run.status === 'done', 120_000, 250);
}

describe.skipIf(!haveChromium)('a newcomer’s walk', () => {
  let lab: E2eLab;
  let ui: AppPage;
  let photos: string;
  let sampleId = 0;
  const runs = { linear: 0, mlp: 0 };
  const pages: AppPage[] = [];

  beforeAll(async () => {
    lab = await startE2eLab({ maxConcurrentRuns: 2 });
    photos = join(lab.dataDir, 'horse-cat');
    await writePhotoFolder(photos);
    ui = await openApp(lab, { width: 1280, height: 800 });
    pages.push(ui);
  }, 180_000);

  afterAll(async () => {
    for (const page of pages) await page.close().catch(() => undefined);
    await closeBrowser();
    await lab?.close();
  });

  it('imports the sample and a photo folder: duplicates counted as kept, no thumbnail for the text file', async () => {
    const page = ui.page;
    // the sample, through the empty state (generous wait: decoding 2,500 files on two busy cores)
    await ui.nav('datasets');
    await page.locator('[data-testid="empty-use-sample"]').click();
    await page.locator('[data-testid="start-import"]').click();
    await page.locator('[data-testid="class-counts"]').waitFor({ timeout: 240_000 });
    sampleId = (await invoke<{ datasets: { id: number }[] }>(lab, 'listDatasets')).datasets[0].id;

    await page.getByRole('button', { name: 'Add folder…' }).click();
    await page.getByLabel('Folder', { exact: true }).fill(photos);
    await page.locator('[data-testid="start-import"]').click();
    await page.locator('.panel', { has: page.getByRole('heading', { name: 'horse-cat' }) }).waitFor({ timeout: 120_000 });
    const report = page.locator('.panel', { has: page.getByRole('heading', { name: 'horse-cat' }) });
    // 40 photos kept: the 3 identical copies left out, as the page says
    await expect(report.locator('.stat', { hasText: 'Images' }).locator('.value').innerText()).resolves.toBe(String(2 * perClass));
    const duplicates = page.locator('[data-testid="duplicates"]');
    await expect(duplicates.getAttribute('data-dropped')).resolves.toBe(String(copies));
    await expect(duplicates.innerText()).resolves.toContain(`the first of each group is kept, ${copies} copies left out`);
    const { datasets } = await invoke<{ datasets: { name: string; samples: { train: number; val: number; test: number } }[] }>(lab, 'listDatasets');
    const horseCat = datasets.find((d) => d.name === 'horse-cat')!;
    expect(horseCat.samples.train + horseCat.samples.val + horseCat.samples.test).toBe(2 * perClass);
    await expect(page.locator('[data-testid="skipped-files"]').innerText()).resolves.toContain('notes.txt');
    // thumbnails: photos only, nothing tried on the text file
    await waitFor('thumbnails', async () => (await page.locator('[data-testid="thumbnails"] canvas').count()) >= 2 * 8);
    await expect(page.locator('[data-testid="thumbnails"] canvas[title$=".txt"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="thumbnails"]').innerText()).resolves.not.toContain('could not be shown');
    await ui.shot('newcomer-01-photo-folder');
  }, 420_000);

  it('the experiment form remembers its draft across a reload', async () => {
    const page = ui.page;
    await ui.nav('new');
    await page.locator('[data-testid="dataset-select"]').selectOption(String(sampleId));
    await page.getByLabel('Epochs').fill('17');
    await page.getByLabel('Run name').fill('remembered draft');
    await page.waitForTimeout(1000); // saved once typing pauses
    await page.reload();
    await page.locator('.app').waitFor();
    await ui.nav('new');
    await waitFor('the draft back after the reload', async () => (await page.getByLabel('Run name').inputValue()) === 'remembered draft', 10_000);
    await expect(page.getByLabel('Epochs').inputValue()).resolves.toBe('17');
    await expect(page.locator('[data-testid="dataset-select"]').inputValue()).resolves.toBe(String(sampleId));
  });

  it('a CLI run on the same folder: one dataset, and the run shows up without a reload', async () => {
    const page = ui.page;
    await ui.nav('runs');
    const before = await invoke<{ datasets: unknown[] }>(lab, 'listDatasets');
    const cli = await cliTrain(['--data', photos, '--db', join(lab.dataDir, 'lab.db'), '--model', 'linear', '--epochs', '2', '--batch', '8', '--threads', '1', '--json']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const cliEnded = Date.now();
    const runId = Number(JSON.parse(cli.stdout.trimEnd().split('\n').at(-1)!).runId);
    await page.locator(`[data-testid="runs-table"] tr[data-run-id="${runId}"]`).waitFor({ timeout: 10_000 });
    console.log(`newcomer walk: the CLI run appeared ${Date.now() - cliEnded} ms after the CLI exited (no reload)`);
    const after = await invoke<{ datasets: { name: string }[] }>(lab, 'listDatasets');
    expect(after.datasets).toHaveLength(before.datasets.length);
    expect(after.datasets.filter((d) => d.name === 'horse-cat')).toHaveLength(1);
    await ui.shot('newcomer-02-cli-run-listed');
  }, 150_000);

  it('Predict: a visible model load, the result follows the chosen model, hidden units drawn with ink', async () => {
    const page = ui.page;
    const base = { inputSize: 784, numClasses: 10 };
    const common = {
      loss: 'softmax', regularizer: { kind: 'l2', l1: 0, l2: 1e-4, proximal: false }, optimizer: { kind: 'momentum', lr: 0.05 },
      schedule: { kind: 'constant' }, batchSize: 64, seed: 3,
    };
    const data = { kind: 'dataset', datasetId: sampleId, normalization: 'scale' };
    runs.linear = (await invoke<{ id: number }>(lab, 'startRun', { name: 'linear sample', config: { ...common, model: { ...base, hidden: [] }, epochs: 8 }, data })).id;
    runs.mlp = (await invoke<{ id: number }>(lab, 'startRun', { name: 'mlp sample', config: { ...common, model: { ...base, hidden: [{ units: 48, activation: 'relu' }] }, epochs: 4 }, data })).id;
    await finished(lab, runs.linear);
    await finished(lab, runs.mlp);

    await page.evaluate(watchScript(['[data-testid="model-loading"]']));
    await page.goto(`${lab.url}#/predict/${runs.linear}`);
    await page.locator('[data-testid="predict-view"]').waitFor();
    await page.evaluate(watchScript(['[data-testid="model-loading"]']));
    const trousers = join(repoRoot, 'resources', 'fashion-mnist-sample', 'test', 'Trouser');
    await page.locator('[data-testid="predict-file-input"]').setInputFiles(join(trousers, readdirSync(trousers)[0]));
    const predictions = page.locator('[data-testid="predictions"]');
    await waitFor('the linear model’s prediction', async () => (await predictions.getAttribute('data-model')) === `run:${runs.linear}`);
    const linearText = await predictions.locator('[data-testid="probabilities"]').innerText();

    await page.locator('[data-testid="predict-model"]').selectOption(`run:${runs.mlp}`);
    // the old answer goes at once; the new model's comes for the same image
    await waitFor('the MLP’s prediction', async () => (await predictions.getAttribute('data-model').catch(() => null)) === `run:${runs.mlp}`, 30_000);
    expect(await page.evaluate(seenScript('[data-testid="model-loading"]'))).toBe(true);
    const mlpText = await predictions.locator('[data-testid="probabilities"]').innerText();
    expect(mlpText).not.toBe(linearText);
    await page.locator('[data-testid="explanation"] canvas').first().waitFor();
    const ink = await page.locator('[data-testid="explanation"] canvas').evaluateAll((canvases) => canvases.length);
    expect(ink).toBeGreaterThan(0);
    for (let i = 0; i < ink; i++) {
      expect(await canvasInkFraction(page, `[data-testid="explanation"] .thumb:nth-child(${i + 1}) canvas`)).toBeGreaterThan(0.3);
    }
    // the model is loaded now: another image is answered from main's cache
    const started = Date.now();
    await page.locator('[data-testid="predict-file-input"]').setInputFiles(join(trousers, readdirSync(trousers)[1]));
    await waitFor('the second prediction', async () => (await predictions.locator('h2').first().innerText()) === readdirSync(trousers)[1], 30_000, 20);
    console.log(`newcomer walk: prediction with the loaded MLP took ${Date.now() - started} ms in the page`);
    await ui.shot('newcomer-03-predict-mlp');
  }, 240_000);

  it('Templates: a loading state, then different pixels at each epoch', async () => {
    const page = ui.page;
    await page.goto(`${lab.url}#/templates/${runs.linear}`);
    await page.evaluate(watchScript(['[data-testid="templates-weights"][data-loading="true"]', '[data-testid="templates-loading"]']));
    await page.locator('[data-testid="template-tile"] canvas').first().waitFor({ timeout: 30_000 });
    const slider = page.getByLabel('Checkpoint');
    const shown = page.locator('[data-testid="templates-weights"]');
    const at = async (key: 'Home' | 'End' | 'ArrowRight', epoch: number) => {
      await slider.focus();
      await slider.press(key);
      await waitFor(`epoch ${epoch} on screen`, async () => (await shown.getAttribute('data-loading')) === 'false' && (await shown.getAttribute('data-epoch')) === String(epoch), 30_000, 20);
      return (await page.evaluate(tilesFingerprint)) as string;
    };
    const first = await at('Home', 0);
    expect(await page.evaluate(seenScript('[data-testid="templates-weights"][data-loading="true"]'))).toBe(true);
    const second = await at('ArrowRight', 1);
    const last = await at('End', 8);
    expect(new Set([first, second, last]).size).toBe(3);
    await ui.shot('newcomer-04-templates-last-epoch');
  }, 120_000);

  it('Step on the dashboard moves the step counter by exactly one', async () => {
    const page = ui.page;
    const run = await invoke<{ id: number }>(lab, 'startRun', {
      name: 'watch me step',
      config: {
        model: { inputSize: 784, numClasses: 10, hidden: [] }, loss: 'softmax', regularizer: { kind: 'l2', l1: 0, l2: 1e-4, proximal: false },
        optimizer: { kind: 'sgd', lr: 0.1 }, schedule: { kind: 'constant' }, batchSize: 8, epochs: 200, seed: 1,
      },
      data: { kind: 'dataset', datasetId: sampleId, normalization: 'scale' },
    });
    await page.goto(`${lab.url}#/run/${run.id}`);
    const counter = page.locator('[data-testid="step-counter"]');
    const step = async () => Number(await counter.getAttribute('data-step'));
    await waitFor('the run training', async () => (await page.locator('[data-testid="step-batch"]').isEnabled()) && (await step()) > 0, 60_000);
    await page.locator('[data-testid="step-batch"]').click(); // holds it after one more mini-batch
    let held = await step();
    await waitFor('the counter to hold still', async () => {
      await page.waitForTimeout(1000);
      const now = await step();
      const still = now === held;
      held = now;
      return still;
    }, 30_000);
    await expect(page.locator('[data-testid="pace-select"]').inputValue()).resolves.toBe('held');
    await page.locator('[data-testid="step-batch"]').click();
    await waitFor('one step more', async () => (await step()) === held + 1, 15_000, 50);
    await page.waitForTimeout(1000);
    expect(await step()).toBe(held + 1);
    await ui.shot('newcomer-05-dashboard-stepped');
    await invoke(lab, 'cancelRun', { id: run.id });
  }, 120_000);

  it('Compare names settings for people and offers twin buttons only to twins', async () => {
    const page = ui.page;
    await page.goto(`${lab.url}#/compare/${runs.linear},${runs.mlp}`);
    await page.locator('[data-testid="differences"]').waitFor();
    const labels = await page.locator('[data-testid="differences"] td[data-path]').allInnerTexts();
    expect(labels).toContain('Hidden layers');
    expect(labels.some((l) => l.startsWith('config.'))).toBe(false);
    await expect(page.locator('[data-testid="look-inside"]').innerText()).resolves.not.toContain('L1 / L2');
    await expect(page.getByRole('button', { name: /^Templates of L[12]/ }).count()).resolves.toBe(0);
  });

  for (const size of [{ width: 800, height: 600 }, { width: 1280, height: 800 }]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`every view at ${size.width}×${size.height} (${scheme}): screenshots, no tile cut short`, async () => {
        const view = await openApp(lab, size, scheme);
        pages.push(view);
        for (const name of ['datasets', 'new', 'runs', 'run', 'templates', 'sparsity', 'compare', 'spacewarp', 'predict', 'export']) {
          await view.nav(name);
          await view.page.locator('.view h1').first().waitFor();
          await view.page.waitForTimeout(300);
          const cut = (await view.page.evaluate(overflowingTiles)) as string[];
          expect(cut, `${name}: tiles that cut their text`).toEqual([]);
          await view.shot(`newcomer-${size.width}x${size.height}-${scheme}-${name}`);
        }
        // a run dashboard with its tiles filled in
        await view.page.goto(`${lab.url}#/run/${runs.mlp}`);
        await view.page.locator('[data-testid="run-dashboard"]').waitFor();
        await view.page.waitForTimeout(500);
        expect((await view.page.evaluate(overflowingTiles)) as string[]).toEqual([]);
        expect(view.errors).toEqual([]);
      }, 120_000);
    }
  }

  it('no console or page error in the whole walk', () => {
    expect(ui.errors).toEqual([]);
  });
});
