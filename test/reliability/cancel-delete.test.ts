/**
 * Deleting a run while its worker is still exiting (right after cancel or pause, in the
 * same tick or just after its `runFinished` event) succeeds over both transports, stops
 * the worker, and leaves no rows behind. It used to fail with "run N is cancelled and
 * cannot be cancelled".
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot, startHarness, waitForEvent, type Harness, type TransportKind } from '../src-main/api/harness';
import { longToyRun } from '../src-main/api/fixtures';

describe.each(['ipc', 'web'] as TransportKind[])('over %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => {
    await h.close();
  });

  async function trainingRun(): Promise<number> {
    const run = await h.api.startRun(longToyRun());
    if (!run.ok) throw new Error(run.error.message);
    await waitForEvent(h, 'runProgress', (e) => e.runId === run.value.id && e.step > 0);
    return run.value.id;
  }

  function leftovers(runId: number): number {
    const snapshot = databaseSnapshot(h.dbPath);
    return ['runs', 'metrics', 'checkpoints', 'exports']
      .map((table) => (snapshot[table] as { id?: number; run_id?: number }[]).filter((row) => (table === 'runs' ? row.id : row.run_id) === runId).length)
      .reduce((a, b) => a + b, 0);
  }

  it('cancel then delete in the same tick', async () => {
    const id = await trainingRun();
    const [cancelled, deleted] = await Promise.all([h.api.cancelRun({ id }), h.api.deleteRun({ id })]);
    expect(cancelled.ok).toBe(true);
    expect(deleted).toEqual({ ok: true, value: { deleted: true } });
    expect(h.lab.training.snapshot().training).not.toContain(id);
    expect(leftovers(id)).toBe(0);
  });

  it('cancel, then delete as soon as runFinished arrives (the worker is still exiting)', async () => {
    const id = await trainingRun();
    expect(await h.api.cancelRun({ id })).toMatchObject({ ok: true });
    await waitForEvent(h, 'runFinished', (e) => e.runId === id);
    expect(await h.api.deleteRun({ id })).toEqual({ ok: true, value: { deleted: true } });
    expect(h.lab.training.snapshot().training).not.toContain(id);
    expect(leftovers(id)).toBe(0);
  });

  it('pause then delete, and delete twice at once', async () => {
    const id = await trainingRun();
    expect(await h.api.pauseRun({ id })).toMatchObject({ ok: true });
    const [first, second] = await Promise.all([h.api.deleteRun({ id }), h.api.deleteRun({ id })]);
    // one deletes it; the other finds it gone (or deleted already): never an internal error
    for (const result of [first, second]) {
      if (!result.ok) expect(result.error.code).toBe('not-found');
    }
    expect([first, second].filter((r) => r.ok && r.value.deleted)).toHaveLength(1);
    expect(leftovers(id)).toBe(0);
  });

  it('cancel then delete its experiment', async () => {
    const experiment = await h.api.createExperiment({ name: `doomed ${kind}` });
    if (!experiment.ok) throw new Error(experiment.error.message);
    const run = await h.api.startRun({ ...longToyRun(), experimentId: experiment.value.id });
    if (!run.ok) throw new Error(run.error.message);
    await waitForEvent(h, 'runProgress', (e) => e.runId === run.value.id && e.step > 0);
    expect((await h.api.cancelRun({ id: run.value.id })).ok).toBe(true);
    expect(await h.api.deleteExperiment({ id: experiment.value.id })).toEqual({ ok: true, value: { deleted: true } });
    expect(leftovers(run.value.id)).toBe(0);
    await h.lab.training.whenIdle();
    expect(h.lab.training.snapshot()).toEqual({ training: [], queued: [] });
  });
});
