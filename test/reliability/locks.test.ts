/**
 * Issue 15, failure 3: another writer holds the database lock longer than busy_timeout.
 *
 * Before: a second program holding `BEGIN IMMEDIATE` for 8 s made the server's training run
 * fail with "could not record …: database is locked", and the database could still say
 * "running". Now the run's records wait for the lock with backoff, the run trains on, and
 * whatever way it ends is recorded.
 */

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Lab } from '../../src-main/api/lab';
import { longToyRun } from '../src-main/api/fixtures';
import { checkDatabaseFile, repoRoot, startTestLab, tempFolder, type TempFolder } from './helpers';

let folder: TempFolder;
let lab: Lab;
beforeAll(async () => {
  folder = tempFolder('nl-locks-');
  lab = await startTestLab(folder.file('lab.db'));
}, 60_000);
afterAll(async () => {
  await lab?.close();
  folder.cleanup();
});

/** Another program: takes the write lock, says so, holds it for `ms`, then lets go. */
function holdLock(path: string, ms: number): Promise<Promise<void>> {
  const child = spawn(process.execPath, ['-e', `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(path)});
    db.exec('BEGIN IMMEDIATE');
    console.log('locked');
    setTimeout(() => { db.exec('COMMIT'); db.close(); console.log('released'); }, ${ms});`], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'locked') resolve(released);
    });
  });
}

const invoke = (channel: string, request: unknown) => lab.router.invoke(channel, request, { transport: 'web' });

async function status(id: number): Promise<string> {
  const answer = await invoke('getRun', { id });
  if (!answer.ok) throw new Error(answer.error.message);
  return (answer.value as { run: { status: string; error: string | null } }).run.status;
}

it('a run trains on through an 8 s lock held by another writer, and its end is recorded', async () => {
  const started = await invoke('startRun', longToyRun());
  if (!started.ok) throw new Error(started.error.message);
  const { id } = started.value as { id: number };
  const progressed = new Promise<void>((resolve) => {
    const stop = lab.router.subscribe((event, payload) => {
      if (event === 'runProgress' && (payload as { runId: number }).runId === id) {
        stop();
        resolve();
      }
    });
  });
  await progressed;

  const released = await holdLock(folder.file('lab.db'), 8_000);
  await released;
  // the records that waited are written; the run is still training, not failed
  await new Promise((r) => setTimeout(r, 1_000));
  const afterLock = await invoke('getRun', { id });
  if (!afterLock.ok) throw new Error(afterLock.error.message);
  expect((afterLock.value as { run: { status: string; error: string | null } }).run).toMatchObject({ status: 'running', error: null });

  // and it still ends cleanly, recorded
  const cancelled = await invoke('cancelRun', { id });
  expect(cancelled.ok ? 'ok' : cancelled.error.message).toBe('ok');
  const deadline = Date.now() + 30_000;
  while ((await status(id)) !== 'cancelled' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(await status(id)).toBe('cancelled');
  expect(checkDatabaseFile(folder.file('lab.db'))).toEqual({ integrity: 'ok', brokenReferences: 0 });
}, 90_000);
