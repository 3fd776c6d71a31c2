/**
 * The channels that bring pixels and evaluations to the views (getDatasetImages,
 * evaluateRun, getEvaluationExamples), over both transports against the real services:
 * images decoded by sharp from real files, runs trained by real workers, evaluations that
 * must agree with what training itself measured on the same split.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeContract, type ResponseOf } from '../../../src-shared/api/contract';
import type { ApiResult } from '../../../src-shared/api/result';
import { readModelFile } from '../../../src-main/models';
import { startHarness, waitForEvent, writeImageFolder, type Harness, type TransportKind } from './harness';
import { toyConfig, toyRun } from './fixtures';

function checked<C extends keyof typeof invokeContract>(channel: C, result: ApiResult<unknown>): ResponseOf<C> {
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return invokeContract[channel].response.parse(result.value) as ResponseOf<C>;
}

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

describe.each<TransportKind>(['ipc', 'web'])('view data over %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows a folder\'s images preprocessed with the options asked for, before any import', async () => {
    const root = join(h.folder, 'shapes');
    await writeImageFolder(root, ['cat', 'dog', 'eel'], 4);
    const gray = checked('getDatasetImages', await h.api.getDatasetImages({ source: { kind: 'folder', path: root }, options: { width: 5, height: 7, channels: 1 }, perClass: 3 }));
    expect(gray).toMatchObject({ width: 5, height: 7, channels: 1, classNames: ['cat', 'dog', 'eel'], problems: [] });
    expect(gray.images.map((i) => i.className)).toEqual(['cat', 'cat', 'cat', 'dog', 'dog', 'dog', 'eel', 'eel', 'eel']);
    for (const image of gray.images) expect(bytes(image.pixels)).toHaveLength(5 * 7);
    // the same file through sharp directly, with the importer's pipeline, gives the same bytes
    const direct = await sharp(join(root, gray.images[0].path)).flatten({ background: { r: 255, g: 255, b: 255 } }).resize(5, 7, { fit: 'cover' }).grayscale().raw().toBuffer();
    expect([...bytes(gray.images[0].pixels)]).toEqual([...direct]);
    const rgb = checked('getDatasetImages', await h.api.getDatasetImages({ source: { kind: 'folder', path: root }, options: { width: 4, height: 4, channels: 3 }, perClass: 1, maxClasses: 2 }));
    expect(rgb.images.map((i) => i.className)).toEqual(['cat', 'dog']);
    expect(bytes(rgb.images[0].pixels)).toHaveLength(4 * 4 * 3);
    expect(rgb.classNames).toEqual(['cat', 'dog', 'eel']);
  });

  it('shows an imported dataset at its own size, the built-in sample, and says why a file cannot be shown', async () => {
    const root = join(h.folder, 'pets-thumbs');
    await writeImageFolder(root, ['cat', 'dog'], 3);
    const { dataset } = checked('importFolder', await h.api.importFolder({ jobId: 'thumbs', path: root, options: { width: 6, height: 6, channels: 1 } }));
    const thumbs = checked('getDatasetImages', await h.api.getDatasetImages({ source: { kind: 'dataset', id: dataset.id } }));
    expect(thumbs).toMatchObject({ width: 6, height: 6, channels: 1 });
    expect(thumbs.images).toHaveLength(6);

    const sample = checked('getDatasetImages', await h.api.getDatasetImages({ source: { kind: 'sample' }, options: { width: 28, height: 28, channels: 1 }, perClass: 1 }));
    expect(sample.classNames).toHaveLength(10);
    expect(sample.images).toHaveLength(10);
    // Fashion-MNIST: dark background, a lighter garment
    const first = bytes(sample.images[0].pixels);
    expect(Math.max(...first)).toBeGreaterThan(100);

    mkdirSync(join(h.folder, 'broken', 'cat'), { recursive: true });
    await writeImageFolder(join(h.folder, 'broken'), ['dog'], 1);
    writeFileSync(join(h.folder, 'broken', 'cat', 'cut.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]));
    const broken = checked('getDatasetImages', await h.api.getDatasetImages({ source: { kind: 'folder', path: join(h.folder, 'broken') } }));
    expect(broken.images.map((i) => i.className)).toEqual(['dog']);
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0].path).toBe('cat/cut.png');
    expect(broken.problems[0].message).toContain('cut.png');

    const missing = await h.api.getDatasetImages({ source: { kind: 'folder', path: join(h.folder, 'nowhere') } });
    expect(missing.ok ? null : missing.error).toMatchObject({ code: 'failed', message: expect.stringContaining('not found') });
    const unknown = await h.api.getDatasetImages({ source: { kind: 'dataset', id: 999_999 } });
    expect(unknown.ok ? null : unknown.error.code).toBe('not-found');
  });

  it('evaluates a toy run on its validation split exactly as training measured it, cell by cell', async () => {
    const run = checked('startRun', await h.api.startRun({ ...toyRun(4, 'evaluated'), split: { val: 0.2, test: 0, seed: 5 } }));
    expect(await waitForEvent(h, 'runFinished', (e) => e.runId === run.id)).toMatchObject({ status: 'done' });
    const { run: finished } = checked('getRun', await h.api.getRun({ id: run.id }));
    const e = checked('evaluateRun', await h.api.evaluateRun({ runId: run.id }));
    expect(e).toMatchObject({ runId: run.id, split: 'val', epoch: 4, input: { kind: 'vector', size: 2 } });
    expect(e.classNames).toHaveLength(3);
    expect(e.count).toBe(30); // 20% of 150 points
    expect(e.matrix.flat().reduce((a, b) => a + b, 0)).toBe(e.count);
    const diagonal = e.matrix.reduce((sum, row, i) => sum + row[i], 0);
    expect(e.accuracy).toBeCloseTo(diagonal / e.count, 12);
    // the worker measured validation accuracy on the same rows with the same weights
    expect(e.accuracy).toBeCloseTo(finished.summary.valAccuracy!, 6);

    for (let label = 0; label < 3; label++) {
      for (let predicted = 0; predicted < 3; predicted++) {
        const cell = checked('getEvaluationExamples', await h.api.getEvaluationExamples({ runId: run.id, label, predicted, limit: 100 }));
        expect(cell.total).toBe(e.matrix[label][predicted]);
        expect(cell.examples).toHaveLength(cell.total);
        const confidence = cell.examples.map((x) => x.probabilities[predicted]);
        expect(confidence).toEqual([...confidence].sort((a, b) => b - a));
        for (const x of cell.examples) {
          expect(x.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
          expect(x.probabilities.indexOf(Math.max(...x.probabilities))).toBe(predicted);
          expect(x.values).toHaveLength(2);
          expect(x.pixels).toBeNull();
        }
      }
    }
    const limited = checked('getEvaluationExamples', await h.api.getEvaluationExamples({ runId: run.id, label: 0, predicted: 0, limit: 2 }));
    expect(limited.examples.length).toBe(Math.min(2, e.matrix[0][0]));

    const training = checked('evaluateRun', await h.api.evaluateRun({ runId: run.id, split: 'train' }));
    expect(training.count).toBe(120);
    expect(training.accuracy).toBeCloseTo(finished.summary.trainAccuracy!, 1);
    const empty = checked('evaluateRun', await h.api.evaluateRun({ runId: run.id, split: 'test' }));
    expect(empty).toMatchObject({ count: 0, accuracy: null });
  });

  it('evaluates an image run, returning the images of a cell as the model saw them', async () => {
    const root = join(h.folder, 'pets-eval');
    await writeImageFolder(root, ['cat', 'dog'], 10);
    const { dataset } = checked('importFolder', await h.api.importFolder({ jobId: 'eval', path: root, options: { width: 8, height: 8 } }));
    const config = toyConfig(3, { model: { inputSize: 8 * 8 * 3, numClasses: 2, hidden: [] }, batchSize: 4, optimizer: { kind: 'sgd', lr: 0.05 } });
    const run = checked('startRun', await h.api.startRun({ config, data: { kind: 'dataset', datasetId: dataset.id, normalization: 'mean-image' }, split: { val: 0.3, test: 0, seed: 2 } }));
    expect(await waitForEvent(h, 'runFinished', (e) => e.runId === run.id)).toMatchObject({ status: 'done' });
    const { run: finished } = checked('getRun', await h.api.getRun({ id: run.id }));
    const e = checked('evaluateRun', await h.api.evaluateRun({ runId: run.id }));
    expect(e).toMatchObject({ classNames: ['cat', 'dog'], count: 6, input: { kind: 'image', width: 8, height: 8, channels: 3 } });
    expect(e.accuracy).toBeCloseTo(finished.summary.valAccuracy!, 6);
    const row = e.matrix.findIndex((r) => r.some((n) => n > 0));
    const col = e.matrix[row].findIndex((n) => n > 0);
    const cell = checked('getEvaluationExamples', await h.api.getEvaluationExamples({ runId: run.id, label: row, predicted: col }));
    expect(cell.total).toBe(e.matrix[row][col]);
    for (const x of cell.examples) {
      expect(bytes(x.pixels!)).toHaveLength(8 * 8 * 3);
      expect(x.source).toMatch(new RegExp(`^${e.classNames[row]}/`));
    }

    const unknown = await h.api.evaluateRun({ runId: 999_999 });
    expect(unknown.ok ? null : unknown.error.code).toBe('not-found');
  });

  it('never serves a deleted run\'s model or evaluation to the run started after it', async () => {
    // Models are cached by run and checkpoint id, evaluations by run, checkpoint and split:
    // the newest run, deleted, must not lend its ids (and so its cache entries) to the next one.
    const out = join(h.folder, `ids-${kind}`);
    mkdirSync(out);
    const trainAndLook = async (name: string, lr: number) => {
      const since = h.events.length; // should ids be reused again, the deleted run's events must not stand for the new run's
      const run = checked('startRun', await h.api.startRun({ ...toyRun(2, name), config: toyConfig(2, { optimizer: { kind: 'sgd', lr }, seed: lr === 0.5 ? 7 : 11 }) }));
      expect(await waitForEvent(h, 'runFinished', (e) => e.runId === run.id, 30_000, since)).toMatchObject({ status: 'done' });
      const evaluation = checked('evaluateRun', await h.api.evaluateRun({ runId: run.id }));
      const exported = checked('exportModel', await h.api.exportModel({ model: { kind: 'run', runId: run.id }, format: 'json', folder: out, fileName: `${name}.json` }));
      const checkpoint = h.lab.store.listCheckpoints(run.id).at(-1)!;
      return { run, evaluation, checkpoint, model: await readModelFile(exported.file.path) };
    };
    const deleted = await trainAndLook('deleted', 0.5);
    expect(deleted.model.layers).toEqual(h.lab.store.checkpointWeights(deleted.checkpoint.id));
    expect(checked('deleteRun', await h.api.deleteRun({ id: deleted.run.id }))).toEqual({ deleted: true });

    const next = await trainAndLook('next', 0.05);
    expect(next.run.id).toBeGreaterThan(deleted.run.id);
    expect(next.checkpoint.id).toBeGreaterThan(deleted.checkpoint.id);
    // what the API serves for the new run is the new run's own: its weights, its accuracy as training measured it
    expect(next.model.layers).toEqual(h.lab.store.checkpointWeights(next.checkpoint.id));
    expect(next.model.layers[0].w).not.toEqual(deleted.model.layers[0].w);
    const { run: finished } = checked('getRun', await h.api.getRun({ id: next.run.id }));
    expect(next.evaluation).toMatchObject({ runId: next.run.id, epoch: 2 });
    expect(next.evaluation.accuracy).toBeCloseTo(finished.summary.valAccuracy!, 6);
    const gone = await h.api.evaluateRun({ runId: deleted.run.id });
    expect(gone.ok ? null : gone.error.code).toBe('not-found');
  });
});
