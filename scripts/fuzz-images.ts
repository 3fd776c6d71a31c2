/**
 * Image import fuzzing, as long as you like: mutated JPEG/PNG/WebP files (see
 * test/reliability/fuzz/image-mutants.ts) through the decoder one by one, each bounded in
 * time, then (unless --no-import) all of them through a real folder import.
 *
 *   npm run fuzz:images -- [--cases 20000] [--seed 1] [--timeout-ms 10000] [--no-import]
 *
 * Prints counts and the slowest case; exits 1 listing the failing cases (recipe included,
 * so a case can be rebuilt from its seed).
 */

import { parseArgs } from 'node:util';
import { fuzzImages } from '../test/reliability/fuzz/image-fuzz';
import { tempFolder } from '../test/reliability/helpers';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '20000' }, seed: { type: 'string', default: '1' }, 'timeout-ms': { type: 'string', default: '10000' }, 'no-import': { type: 'boolean', default: false } },
});
const cases = Number(values.cases);
const folder = tempFolder('nl-fuzz-images-');
const started = performance.now();
try {
  const stats = await fuzzImages({
    cases,
    seed: Number(values.seed),
    folder: values['no-import'] ? null : folder.dir,
    caseTimeoutMs: Number(values['timeout-ms']),
    onProgress: (done) => {
      if (done % 5000 === 0) console.log(`  ${done}/${cases}`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`fuzz:images seed ${values.seed}: ${stats.tried} cases in ${seconds.toFixed(0)} s: ${stats.decoded} decoded, skipped ${JSON.stringify(stats.skipped)}`);
  console.log(`  slowest case ${stats.slowestMs.toFixed(0)} ms (${stats.slowest})`);
  if (stats.imported) console.log(`  folder import: ${stats.imported.files} files seen, ${stats.imported.imported} imported, ${stats.imported.skipped} skipped with a reason`);
  if (stats.failures.length > 0) {
    console.error(`${stats.failures.length} failures:\n${stats.failures.slice(0, 50).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log('  no crash, no hang, every failure a clear one-line reason');
  }
} finally {
  folder.cleanup();
}
