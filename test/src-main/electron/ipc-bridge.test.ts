/**
 * The IPC bridge the Electron shell registers, driven the way ipcMain would drive it, over
 * a real lab: only the app's own top-level page is served; anything else is refused
 * before it reaches a service.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcEventChannel, ipcInvokeChannel } from '../../../src-shared/api/channels';
import { startLab, type Lab } from '../../../src-main/api/lab';
import { forwardEvents, ipcInvokeHandler, registerIpcApi } from '../../../src-main/electron/ipc-bridge';
import { appRoot, databaseSnapshot, rendererIndexFile } from '../api/harness';

let folder: string;
let lab: Lab;
const trusted = { rendererIndexFile };
const ownPage = { url: pathToFileURL(rendererIndexFile).href, parent: null };

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'nl-ipc-'));
  lab = await startLab({ mode: 'desktop', appRoot, dbPath: join(folder, 'lab.db'), cacheDir: null, maxConcurrentRuns: 1 });
});
afterAll(async () => {
  await lab?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('the IPC bridge', () => {
  it('serves the app\'s own page', async () => {
    const handle = ipcInvokeHandler(lab.router, trusted);
    const result = await handle({ senderFrame: ownPage }, 'createExperiment', { name: 'from the window' });
    expect(result).toMatchObject({ ok: true, value: { name: 'from the window' } });
  });

  it('refuses foreign pages, subframes and vanished frames, and changes nothing', async () => {
    const handle = ipcInvokeHandler(lab.router, trusted);
    const before = databaseSnapshot(lab.store.path);
    const senders = [
      { url: 'https://attacker.example/', parent: null },
      { url: pathToFileURL(join(folder, 'evil.html')).href, parent: null },
      { url: ownPage.url, parent: { url: 'https://attacker.example/' } },
      null,
    ];
    for (const senderFrame of senders) {
      const result = await handle({ senderFrame }, 'createExperiment', { name: 'smuggled' });
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: 'This page may not use the Neural Lab API' } });
    }
    expect(databaseSnapshot(lab.store.path)).toEqual(before);
  });

  it('registers one invoke channel on ipcMain and removes it again', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const fakeIpcMain = {
      handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) => void handlers.set(channel, listener),
      removeHandler: (channel: string) => void handlers.delete(channel),
    };
    const dispose = registerIpcApi(fakeIpcMain as never, lab.router, trusted);
    expect([...handlers.keys()]).toEqual([ipcInvokeChannel]);
    const answer = await handlers.get(ipcInvokeChannel)!({ senderFrame: ownPage }, 'listExperiments', {});
    expect(answer).toMatchObject({ ok: true, value: { experiments: [{ name: 'from the window' }] } });
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('forwards events to a live window only, until unsubscribed', () => {
    const sent: unknown[][] = [];
    let destroyed = false;
    const stop = forwardEvents(lab.router, { send: (...args) => void sent.push(args), isDestroyed: () => destroyed });
    lab.router.emit('menuCommand', { command: 'import-folder' });
    destroyed = true;
    lab.router.emit('menuCommand', { command: 'about' });
    destroyed = false;
    stop();
    lab.router.emit('menuCommand', { command: 'about' });
    expect(sent).toEqual([[ipcEventChannel, 'menuCommand', { command: 'import-folder' }]]);
  });

  it('never sends an event that breaks the contract', () => {
    const sent: unknown[] = [];
    const problems: string[] = [];
    const stop = forwardEvents(lab.router, { send: (...args) => void sent.push(args), isDestroyed: () => false });
    const quiet = console.error;
    console.error = (where: string) => void problems.push(where);
    try {
      lab.router.emit('menuCommand', { command: 'format-disk' } as never);
      lab.router.emit('runProgress', { runId: -1 } as never);
    } finally {
      console.error = quiet;
      stop();
    }
    expect(sent).toEqual([]);
    expect(problems).toHaveLength(2);
  });
});
