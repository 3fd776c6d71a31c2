/**
 * Crash soak: SIGKILLs a child running the lab's real services again and again, during
 * training, imports and exports, all on one database, checking after every kill what the
 * next start finds (integrity, foreign keys, every run settled, no half cache entries, only
 * whole model files). The few-round version is test/reliability/crash.test.ts.
 *
 *   npm run soak:crash -- [--rounds 30] [--seed 1] [--keep]
 *
 * Prints one line per round and a summary; exits 1 on the first problem (the folder is
 * kept for a look).
 */

import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Rng } from '../src-shared/random';
import { cacheProblems, exportProblems, inspectAfterCrash, killDuringExport, killDuringImport, killDuringTraining, writeImageFolder } from '../test/reliability/crash-rounds';
import { startTestLab, tempFolder } from '../test/reliability/helpers';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false } } });
const rounds = Number(values.rounds);
const rng = new Rng(Number(values.seed));
const folder = tempFolder('nl-soak-crash-');
const dbPath = folder.file('lab.db');
const images = folder.file('images');
const cache = folder.file('cache');
const out = folder.file('exports');
mkdirSync(out);

function fail(round: number, what: string, details: unknown): never {
  console.error(`round ${round}: ${what}: ${JSON.stringify(details, null, 2)}\nfolder kept: ${folder.dir}`);
  process.exit(1);
}

const perClass = 60;
await writeImageFolder(images, 3, perClass);
// a finished run to export
const lab = await startTestLab(dbPath);
const started = await lab.router.invoke('startRun', {
  name: 'export me',
  config: {
    model: { inputSize: 2, numClasses: 3, hidden: [{ units: 512, activation: 'relu' }, { units: 256, activation: 'relu' }] },
    loss: 'softmax', regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false }, optimizer: { kind: 'sgd', lr: 0.01 },
    schedule: { kind: 'constant' }, batchSize: 50, epochs: 1, seed: 5,
  },
  data: { kind: 'toy', toy: 'spiral', samples: 150, noise: 0.1, seed: 1 },
}, { transport: 'web' });
if (!started.ok) throw new Error(started.error.message);
const exportRunId = (started.value as { id: number }).id;
await lab.training.waitFor(exportRunId);
await lab.close();

const counts = { training: 0, import: 0, export: 0 };
const started_ = Date.now();
for (let round = 1; round <= rounds; round++) {
  const kind = (['training', 'import', 'export'] as const)[rng.int(3)];
  counts[kind]++;
  let detail: string;
  if (kind === 'training') {
    const { killedAfter } = await killDuringTraining(dbPath, rng);
    detail = `after ${killedAfter} progress events`;
  } else if (kind === 'import') {
    const { killedAt } = await killDuringImport(dbPath, images, cache, rng, 3 * perClass);
    const cached = cacheProblems(cache, 16 * 16 * 3);
    if (cached.problems.length > 0) fail(round, 'half cache entries', cached.problems);
    detail = `at ${killedAt}/${3 * perClass} decoded, cache ${cached.entries} entries (${cached.temporaries} temporaries)`;
  } else {
    const { killedAfter } = await killDuringExport(dbPath, exportRunId, out, rng);
    const files = await exportProblems(out);
    if (files.problems.length > 0) fail(round, 'damaged export files', files.problems);
    detail = `after ${killedAfter} exports, ${files.files} files whole (${files.temporaries} temporaries)`;
  }
  const after = await inspectAfterCrash(dbPath, { resume: rng.int(3) === 0 });
  if (after.integrity !== 'ok' || after.brokenReferences > 0) fail(round, 'database damaged', after);
  if (after.notices.length > 0) fail(round, 'a crashed but healthy database was taken for a damaged one', after.notices);
  if (after.unsettled.length > 0) fail(round, 'unsettled runs', after.unsettled);
  const byStatus: Record<string, number> = {};
  for (const run of after.runs) byStatus[run.status] = (byStatus[run.status] ?? 0) + 1;
  console.log(`round ${round}/${rounds}: SIGKILL during ${kind} ${detail}; ok: ${after.runs.length} runs ${JSON.stringify(byStatus)}`);
}
console.log(`soak:crash: ${rounds} kills (training ${counts.training}, import ${counts.import}, export ${counts.export}) in ${((Date.now() - started_) / 1000).toFixed(0)} s, no damage`);
if (!values.keep) folder.cleanup();
