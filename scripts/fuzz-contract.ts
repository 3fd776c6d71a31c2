/**
 * Contract fuzzing, as long as you like: every invoke channel over the IPC stand-in and
 * the real web server (see test/reliability/fuzz/contract-fuzz.ts), then raw HTTP and
 * WebSocket garbage at the web server.
 *
 *   npm run fuzz:contract -- [--cases 300] [--raw 5000] [--seed 1] [--transport ipc|web|both]
 *
 * --cases is per channel and transport. Exits 1 listing the failures.
 */

import { parseArgs } from 'node:util';
import { startHarness, type TransportKind } from '../test/src-main/api/harness';
import { fuzzContract } from '../test/reliability/fuzz/contract-fuzz';
import { seedLab } from '../test/reliability/fuzz/seed-lab';
import { fuzzWebServerRaw } from '../test/reliability/fuzz/web-raw-fuzz';
import { checkDatabaseFile } from '../test/reliability/helpers';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '300' }, raw: { type: 'string', default: '5000' }, seed: { type: 'string', default: '1' }, transport: { type: 'string', default: 'both' } },
});
const transports: TransportKind[] = values.transport === 'both' ? ['ipc', 'web'] : [values.transport as TransportKind];
const failures: string[] = [];
let total = 0;
for (const kind of transports) {
  const h = await startHarness(kind);
  try {
    const seeded = await seedLab(h);
    const started = performance.now();
    const stats = await fuzzContract(h, { casesPerChannel: Number(values.cases), seed: Number(values.seed), ...seeded });
    total += stats.tried;
    console.log(`fuzz:contract ${kind}: ${stats.tried} requests in ${((performance.now() - started) / 1000).toFixed(0)} s, outcomes ${JSON.stringify(stats.outcomes)}`);
    console.log(`  slowest ${stats.slowestMs.toFixed(0)} ms: ${stats.slowest}`);
    failures.push(...stats.failures);
    if (kind === 'web' && Number(values.raw) > 0) {
      const raw = await fuzzWebServerRaw(h.server!, { cases: Number(values.raw), seed: Number(values.seed) });
      total += raw.tried;
      console.log(`fuzz:contract web raw: ${raw.tried} HTTP requests, statuses ${JSON.stringify(raw.statuses)}, ${raw.socketFrames} WebSocket frames`);
      failures.push(...raw.failures);
    }
    if (!(await h.api.getAppInfo()).ok) failures.push(`${kind}: the lab stopped answering`);
    const db = checkDatabaseFile(h.dbPath);
    if (db.integrity !== 'ok') failures.push(`${kind}: database integrity: ${db.integrity}`);
  } finally {
    await h.close();
  }
}
if (failures.length > 0) {
  console.error(`${failures.length} failures:\n${failures.slice(0, 50).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log(`fuzz:contract: ${total} requests, every answer typed, no crash, no hang`);
}
