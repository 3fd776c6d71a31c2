/** A lab with something in it for fuzzed requests to find, and the paths they may name. */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForEvent, writeImageFolder, type Harness } from '../../src-main/api/harness';
import { toyRun } from '../../src-main/api/fixtures';

/** Seeds a lab with something to find (experiment, dataset, a trained run, an exported and imported model) and lists paths a request may name. */
export async function seedLab(h: Harness): Promise<{ ids: number[]; words: string[]; paths: string[] }> {
  const images = join(h.folder, 'images');
  await writeImageFolder(images);
  const exports = join(h.folder, 'exports');
  mkdirSync(exports);
  writeFileSync(join(h.folder, 'not-a-model.json'), '{"hello": "world"}');
  const must = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!result.ok) throw new Error(`seeding failed: ${result.error.message}`);
    return result.value;
  };
  const experiment = must(await h.api.createExperiment({ name: 'fuzzed' }));
  const dataset = must(await h.api.importFolder({ jobId: 'seed', path: images, options: { width: 8, height: 8 } }));
  const run = must(await h.api.startRun({ ...toyRun(2), experimentId: experiment.id }));
  await waitForEvent(h, 'runFinished', (e) => e.runId === run.id);
  await h.lab.training.whenIdle();
  const modelFile = join(exports, 'seed.json');
  must(await h.invokeRaw('exportModel', { model: { kind: 'run', runId: run.id }, format: 'json', path: modelFile }) as never);
  const imported = must(await h.invokeRaw('importModel', { path: modelFile }) as never) as { model: { id: string } };
  return {
    ids: [experiment.id, dataset.dataset.id, run.id, 1, 2],
    words: ['seed', imported.model.id, 'job-1'],
    // all inside the harness's temp folder; the traversal attempts must be refused by the contract or the services
    paths: [
      images, exports, h.folder, modelFile, join(h.folder, 'not-a-model.json'), join(exports, 'out.onnx'), join(exports, 'new-folder'),
      join(h.folder, 'missing', 'x.json'), join(exports, '..', '..', 'escape.json'), `${exports}/../escape.json`, `${exports}\\..\\escape.json`,
      'relative/path.json', join(images, 'cat'), join(images, 'cat', 'cat-0.png'), `${exports}/\u0000evil`, `${exports}/CON`,
    ],
  };
}

