/**
 * Every contract channel fuzzed over both transports against the real services (the IPC
 * stand-in and the real web server): requests generated from the channel's own schema,
 * mutations of them (wrong types, missing/extra keys, boundary and non-finite numbers,
 * hostile and huge strings, __proto__ keys, 2000-deep nesting), random JSON and unknown
 * channel names. Each answer is a typed ApiResult within 20 s, never `internal`; the
 * database stays intact; Object.prototype stays clean; the server still answers.
 * Plus raw garbage at the web server's HTTP and WebSocket ends.
 * Longer: `npm run fuzz:contract -- --cases 500`.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type TransportKind } from '../src-main/api/harness';
import { fuzzContract } from './fuzz/contract-fuzz';
import { seedLab } from './fuzz/seed-lab';
import { fuzzWebServerRaw } from './fuzz/web-raw-fuzz';
import { checkDatabaseFile } from './helpers';

describe.each(['ipc', 'web'] as TransportKind[])('contract fuzzing over %s', (kind) => {
  let h: Harness;
  let seeded: Awaited<ReturnType<typeof seedLab>>;
  beforeAll(async () => {
    h = await startHarness(kind);
    seeded = await seedLab(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('every channel: generated, mutated and random requests get a typed answer, never a crash or a hang', async () => {
    const stats = await fuzzContract(h, { casesPerChannel: 40, seed: kind === 'ipc' ? 11 : 12, ...seeded, caseTimeoutMs: 20_000 });
    console.log(`contract fuzz (${kind}): ${stats.tried} requests, outcomes ${JSON.stringify(stats.outcomes)}; slowest ${stats.slowestMs.toFixed(0)} ms (${stats.slowest})`);
    expect(stats.failures).toEqual([]);
    expect(stats.outcomes.ok).toBeGreaterThan(0);
    expect(stats.outcomes['invalid-request']).toBeGreaterThan(stats.tried / 3);
    // still serving, database intact
    expect((await h.api.getAppInfo()).ok).toBe(true);
    expect(checkDatabaseFile(h.dbPath).integrity).toBe('ok');
  });

  if (kind === 'web') {
    it('raw HTTP and WebSocket garbage: 4xx answers, no crash, the server still serves', async () => {
      const stats = await fuzzWebServerRaw(h.server!, { cases: 400, seed: 5 });
      console.log(`web raw fuzz: ${stats.tried} requests, statuses ${JSON.stringify(stats.statuses)}, ${stats.socketFrames} WebSocket frames`);
      expect(stats.failures).toEqual([]);
      expect((await h.api.getAppInfo()).ok).toBe(true);
    });
  }
});
