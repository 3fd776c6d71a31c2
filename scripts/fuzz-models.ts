/**
 * Model file fuzzing, as long as you like: mutated native JSON and ONNX files through the
 * model reader, import and prediction (see test/reliability/fuzz/model-fuzz.ts).
 *
 *   npm run fuzz:models -- [--cases 50000] [--seed 1] [--timeout-ms 10000]
 *
 * Exits 1 listing the failing cases.
 */

import { parseArgs } from 'node:util';
import { fuzzModels } from '../test/reliability/fuzz/model-fuzz';
import { tempFolder } from '../test/reliability/helpers';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '50000' }, seed: { type: 'string', default: '1' }, 'timeout-ms': { type: 'string', default: '10000' } } });
const folder = tempFolder('nl-fuzz-models-');
const started = performance.now();
try {
  const stats = await fuzzModels({ cases: Number(values.cases), seed: Number(values.seed), folder: folder.dir, caseTimeoutMs: Number(values['timeout-ms']) });
  console.log(`fuzz:models seed ${values.seed}: ${stats.tried} files in ${((performance.now() - started) / 1000).toFixed(0)} s: ${stats.accepted} still valid (read, imported, predicted), refused ${JSON.stringify(stats.refused)}`);
  console.log(`  slowest case ${stats.slowestMs.toFixed(0)} ms (${stats.slowest})`);
  if (stats.failures.length > 0) {
    console.error(`${stats.failures.length} failures:\n${stats.failures.slice(0, 50).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log('  no crash, no hang, every refusal a clear one-line message');
  }
} finally {
  folder.cleanup();
}
