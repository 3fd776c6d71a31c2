/**
 * End-to-end round trip through PyTorch, run by lab-flow.test.ts after the twins finish:
 * the L1 twin is exported from the Export view as a PyTorch project, Debian's PyTorch
 * replays its first epochs (train.py --replay), and the metrics file it wrote is imported
 * in Compare, where its curve is drawn next to the lab's run.
 */

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { chartLineLengths, invoke, waitFor, type FlowStep } from '../harness';

const PYTHON = '/usr/bin/python3';
const replayedEpochs = 4;

function python(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(PYTHON, args, { timeout: 240_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface Series { series: { epoch: number[]; value: (number | null)[] }[] }

export const steps: FlowStep[] = [
  {
    name: 'PyTorch round trip: export the L1 twin as a project, replay it with python3, import its metrics into Compare',
    timeoutMs: 300_000,
    async run({ lab, ui, twins }) {
      const page = ui.page;
      const errorsBefore = ui.errors.length;
      await ui.nav('export');
      await page.locator('[data-testid="export-model"]').selectOption(`run:${twins.l1}`);
      await page.getByRole('radio', { name: 'PyTorch project' }).click();
      await waitFor('the suggested project folder', async () => (await page.locator('[data-testid="export-file-name"]').inputValue()).endsWith('-pytorch'));
      await page.locator('[data-testid="export-folder"]').fill(lab.dataDir);
      await page.locator('[data-testid="export-file-name"]').fill('l1-pytorch');
      await page.locator('[data-testid="export-start"]').click();
      const result = page.locator('[data-testid="export-result"]');
      await result.waitFor({ timeout: 60_000 });
      const project = join(lab.dataDir, 'l1-pytorch');
      await expect(result.innerText()).resolves.toContain(join(project, 'train.py'));
      await ui.shot('pytorch-01-exported');

      const replay = await python([join(project, 'train.py'), '--replay', '--epochs', String(replayedEpochs)]);
      expect(replay.code, replay.stderr).toBe(0);
      const metricsFile = join(project, 'metrics.jsonl');
      expect(existsSync(metricsFile)).toBe(true);

      await page.evaluate((hash) => {
        (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
      }, `#/compare/${twins.l1}`);
      await page.locator('[data-testid="compare-view"]').waitFor();
      await page.locator('[data-testid="import-metrics-file"]').setInputFiles(metricsFile);
      const rows = page.locator('[data-testid="compare-view"] tr[data-run-id]');
      await waitFor('the imported run beside the twin', async () => (await rows.count()) === 2, 30_000);
      const names = await rows.locator('.link-button').allInnerTexts();
      expect(names[1]).toMatch(/· PyTorch replay on cpu$/);
      const imported = Number(await rows.nth(1).getAttribute('data-run-id'));

      // the per-epoch chart draws both runs: the lab's whole run and the replayed epochs
      await page.locator('[data-testid="compare-view"] select[aria-label="Metric"]').selectOption('total');
      const lines = await waitFor('two lines in the metric chart', async () => {
        const lengths = await chartLineLengths(page, 'compare-metric');
        return lengths.length === 2 && lengths[1] >= replayedEpochs ? lengths : null;
      });
      expect(lines[0]).toBeGreaterThan(lines[1]);
      await ui.shot('pytorch-02-compare');

      // and they agree where they overlap: the replay is the same training
      const series = async (runId: number) => (await invoke<Series>(lab, 'getMetricSeries', { runId, series: [{ split: 'train', name: 'loss' }], maxPoints: 1000 })).series[0];
      const [labSeries, torchSeries] = [await series(twins.l1), await series(imported)];
      expect(torchSeries.epoch).toEqual(labSeries.epoch.slice(0, replayedEpochs));
      torchSeries.value.forEach((value, i) => {
        expect(Math.abs(value! - labSeries.value[i]!) / labSeries.value[i]!).toBeLessThan(1e-4);
      });
      expect(ui.errors.slice(errorsBefore)).toEqual([]);
      // the flow's later steps count the twins alone: the imported run goes, and the page reloads its list
      await invoke(lab, 'deleteRun', { id: imported });
      await page.reload();
      await page.locator('.app').waitFor();
    },
  },
];
