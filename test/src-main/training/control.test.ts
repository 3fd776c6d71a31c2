import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore } from '../../../src-main/store';
import { TrainingService } from '../../../src-main/training';
import { Rng } from '../../../src-shared/random';
import type { RunStatus } from '../../../src-shared/training/records';
import { tempFolder } from '../store/helpers';
import { bigSpiral, spiralConfig, split } from './helpers';
import { LIMITS } from '../../../src-shared/limits';

/**
 * Pause, resume and cancel at random moments on running, queued and twin runs, with one
 * worker slot as on a two-core machine: every call answers at once (a record or a refusal),
 * takes effect within a second, and each run ends in the status its last accepted call asked for.
 */
const CALLS = 100;
const EFFECT_LIMIT_MS = 1_000;

let folder: ReturnType<typeof tempFolder>;
let store: LabStore;
let service: TrainingService | null = null;

beforeEach(() => {
  folder = tempFolder('lab-control-');
  store = new LabStore(folder.file('lab.db'));
});
afterEach(async () => {
  await service?.shutdown();
  store.close();
  folder.cleanup();
});

type Action = 'pause' | 'resume' | 'cancel';

/** What a run's status must become after an accepted call; `partnerTraining`: its twin holds the slot, so a resume starts at once. */
function expected(action: Action, partnerTraining: boolean): readonly RunStatus[] {
  if (action === 'pause') return ['paused'];
  if (action === 'cancel') return ['cancelled'];
  return partnerTraining ? ['running'] : ['queued', 'running'];
}

async function within(ms: number, check: () => boolean): Promise<number> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) return Infinity;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - start;
}

describe('run control under random calls', () => {
  it('answers 100 pause/resume/cancel calls on running, queued and twin runs, each taking effect within a second', async () => {
    service = new TrainingService(store, { maxConcurrent: 1 });
    const svc = service;
    const config = spiralConfig(LIMITS.epochs); // longer than the test: runs end only by its calls
    const single = [svc.start({ name: 'first', config, data: bigSpiral, split }).id, svc.start({ name: 'second', config, data: bigSpiral, split }).id];
    const twins = svc.startTwins({ name: 'twins', config, data: bigSpiral, split }).runs.map((r) => r.id);
    const runIds = [...single, ...twins];
    const partnerOf = (id: number) => (id === twins[0] ? twins[1] : id === twins[1] ? twins[0] : null);
    const lastAccepted = new Map<number, Action>();
    const rng = new Rng(2024);
    const answers: number[] = [];
    const effects: number[] = [];
    /** effects of pauses and cancels on runs whose worker was training (it had reported progress) */
    const trainingEffects: number[] = [];
    const reported = new Set<number>();
    const offProgress = svc.on('progress', (event) => reported.add(event.runId));
    svc.on('finished', (event) => reported.delete(event.runId));
    const refused: string[] = [];

    for (let call = 0; call < CALLS; call++) {
      // mostly in quick succession, sometimes after long enough for workers to be well into training
      await new Promise((resolve) => setTimeout(resolve, rng.uniform() < 0.7 ? rng.uniform() * 200 : 500 + rng.uniform() * 1500));
      const runId = runIds[Math.floor(rng.uniform() * runIds.length)];
      // every fifth call waits until its run's worker is training (it has reported progress), however slow the machine
      if (call % 5 === 0 && store.requireRun(runId).status === 'running') await within(30_000, () => reported.has(runId));
      // mostly what a user would do next (pause what runs, resume what is paused), sometimes what is refused
      const roll = rng.uniform();
      const stopped = store.requireRun(runId).status === 'paused';
      // cancels only near the end: a cancelled run refuses everything after it
      const cancelShare = call >= CALLS - 15 ? 0.2 : 0;
      const action: Action = roll < cancelShare ? 'cancel' : roll < 0.8 ? (stopped ? 'resume' : 'pause') : stopped ? 'pause' : 'resume';
      const partner = partnerOf(runId);
      const partnerTraining = partner !== null && store.requireRun(partner).status === 'running';
      const wasTraining = reported.has(runId);
      const start = performance.now();
      try {
        svc[action](runId);
      } catch (error) {
        refused.push((error as Error).message);
        answers.push(performance.now() - start);
        continue;
      }
      answers.push(performance.now() - start);
      lastAccepted.set(runId, action);
      const want = expected(action, partnerTraining);
      const took = await within(EFFECT_LIMIT_MS * 3, () => want.includes(store.requireRun(runId).status));
      if (took > EFFECT_LIMIT_MS) throw new Error(`call ${call}: ${action} of run ${runId} took ${took} ms to become ${want.join(' or ')} (is ${store.requireRun(runId).status})`);
      effects.push(took);
      if (wasTraining && action !== 'resume') trainingEffects.push(took);
    }
    offProgress();

    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const worst = (xs: number[]) => sorted(xs).at(-1) ?? 0;
    console.log(
      `control: ${CALLS} calls, ${effects.length} accepted, ${refused.length} refused; slowest answer ${worst(answers).toFixed(1)} ms, ` +
        `effect p50 ${sorted(effects)[Math.floor(effects.length / 2)]?.toFixed(0)} ms, slowest ${worst(effects).toFixed(0)} ms; ` +
        `${trainingEffects.length} pauses/cancels of training workers, slowest ${worst(trainingEffects).toFixed(0)} ms`,
    );
    expect(worst(answers)).toBeLessThan(EFFECT_LIMIT_MS);
    expect(effects.length).toBeGreaterThan(CALLS / 2);
    expect(trainingEffects.length).toBeGreaterThan(5);
    // a refusal says why: the run is in a state the call does not apply to
    for (const message of refused) expect(message).toMatch(/run \d+ is \w+/);

    // Each run ends where its last accepted call put it.
    for (const runId of runIds) {
      const last = lastAccepted.get(runId);
      if (!last) continue;
      expect(expected(last, false), `run ${runId} after its last accepted call, ${last}`).toContain(store.requireRun(runId).status);
    }
  }, 300_000);
});
