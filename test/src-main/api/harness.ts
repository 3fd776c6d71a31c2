/**
 * Both transports over a real lab (real temp SQLite file, real training workers):
 * - 'ipc': the exact handler and event forwarding the Electron shell registers
 *   (ipc-bridge.ts), called with a fake sender frame of the app's own page, with
 *   structuredClone standing in for Electron's serialisation, under the preload's client;
 * - 'web': the real HTTP + WebSocket server on 127.0.0.1 under the renderer's web transport.
 * Each gives the same NeuralLabApi object the renderer uses, plus a raw `invoke` for
 * sending payloads the typed API would not let through.
 */

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import WebSocket from 'ws';
import { createApi, type ApiTransport } from '../../../src-shared/api/client';
import { eventNames, ipcEventChannel, type EventName } from '../../../src-shared/api/channels';
import type { EventOf, NeuralLabApi } from '../../../src-shared/api/contract';
import type { ApiResult } from '../../../src-shared/api/result';
import { startLab, type Lab, type NativeDialogs } from '../../../src-main/api/lab';
import { forwardEvents, ipcInvokeHandler } from '../../../src-main/electron/ipc-bridge';
import { startWebServer, type WebServer } from '../../../src-main/web/server';
import { createWebTransport, type WebSocketLike } from '../../../src-renderer/api/web-transport';

export const appRoot = resolve(import.meta.dirname, '..', '..', '..');
export const rendererIndexFile = join(appRoot, 'out', 'renderer', 'index.html');
export const appPageUrl = pathToFileURL(rendererIndexFile).href;

export type TransportKind = 'ipc' | 'web';

export interface Harness {
  kind: TransportKind;
  lab: Lab;
  api: NeuralLabApi;
  /** a channel name and payload exactly as given, past the typed API */
  invokeRaw(channel: unknown, payload: unknown): Promise<ApiResult<unknown>>;
  /** every event received over the transport, in order */
  events: { event: EventName; payload: unknown }[];
  folder: string;
  dbPath: string;
  server?: WebServer;
  close(): Promise<void>;
}

/** A stand-in for Electron's dialog module (it needs a display); the lab only sees the NativeDialogs interface. */
export const fakeDialogs = (folder: string): NativeDialogs => ({
  chooseFolder: async () => folder,
  chooseSavePath: async (defaultName) => join(folder, defaultName ?? 'model.json'),
  chooseFiles: async (_title, filters, multiple) => {
    const name = `chosen.${filters[0].extensions[0]}`;
    return multiple ? [join(folder, name), join(folder, `second-${name}`)] : [join(folder, name)];
  },
});

export async function startHarness(kind: TransportKind): Promise<Harness> {
  const folder = mkdtempSync(join(tmpdir(), `nl-api-${kind}-`));
  const dbPath = join(folder, 'lab.db');
  const lab = await startLab({
    mode: kind === 'ipc' ? 'desktop' : 'web',
    appRoot,
    dbPath,
    cacheDir: join(folder, 'cache'),
    maxConcurrentRuns: 2,
    dialogs: kind === 'ipc' ? fakeDialogs(folder) : undefined,
  });
  const events: Harness['events'] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const deliver = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };

  if (kind === 'ipc') {
    const handler = ipcInvokeHandler(lab.router, { rendererIndexFile });
    const frame = { url: appPageUrl, parent: null };
    const stopEvents = forwardEvents(lab.router, {
      isDestroyed: () => false,
      send: (channel, event, payload) => {
        if (channel !== ipcEventChannel) throw new Error(`event sent on ${channel}`);
        const copy = structuredClone(payload);
        events.push({ event, payload: copy });
        deliver(event, copy);
      },
    });
    const invokeRaw = async (channel: unknown, payload: unknown) => structuredClone(await handler({ senderFrame: frame }, structuredClone(channel), structuredClone(payload)));
    const transport: ApiTransport = {
      kind: 'ipc',
      invoke: invokeRaw,
      subscribe: (event, listener) => subscribe(listeners, event, listener),
    };
    return {
      kind, lab, api: createApi(transport), invokeRaw, events, folder, dbPath,
      close: async () => {
        stopEvents();
        await lab.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  }

  const server = await startWebServer({ router: lab.router, staticDir: null });
  const headers = { Authorization: `Bearer ${server.token}` };
  const web = createWebTransport({
    baseUrl: server.origin,
    headers,
    openSocket: (url) => new WebSocket(url, { headers, origin: server.origin }) as unknown as WebSocketLike,
  });
  // Record every event the socket delivers, through the transport's own subscription.
  for (const event of eventNames) web.subscribe(event, (payload) => events.push({ event, payload }));
  const invokeRaw = async (channel: unknown, payload: unknown): Promise<ApiResult<unknown>> => {
    const response = await fetch(`${server.origin}/api/invoke/${encodeURIComponent(String(channel))}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    return (await response.json()) as ApiResult<unknown>;
  };
  await waitForSocket(lab, events);
  return {
    kind, lab, api: createApi(web), invokeRaw, events, folder, dbPath, server,
    close: async () => {
      web.close();
      await server.close();
      await lab.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function subscribe(listeners: Map<string, Set<(payload: unknown) => void>>, event: string, listener: (payload: unknown) => void) {
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

/**
 * The WebSocket connects asynchronously and events sent before it is open are not
 * replayed: emit a probe event until it arrives through the transport, then forget it.
 */
async function waitForSocket(lab: Lab, events: Harness['events']): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!events.some((e) => e.event === 'menuCommand')) {
    if (Date.now() > deadline) throw new Error('the events WebSocket did not connect');
    lab.router.emit('menuCommand', { command: 'about' });
    await new Promise((r) => setTimeout(r, 20));
  }
  events.length = 0;
}

/**
 * Resolves with the first event of `event` matching `match`, already received or still to
 * come; `since` skips the events received before that index (events of an earlier run of the
 * test that would match as well).
 */
export function waitForEvent<E extends EventName>(harness: Harness, event: E, match: (payload: EventOf<E>) => boolean, timeoutMs = 30_000, since = 0): Promise<EventOf<E>> {
  return new Promise((resolveEvent, reject) => {
    const started = Date.now();
    const poll = () => {
      const found = harness.events.slice(since).find((e) => e.event === event && match(e.payload as EventOf<E>));
      if (found) return resolveEvent(found.payload as EventOf<E>);
      if (Date.now() - started > timeoutMs) return reject(new Error(`no ${event} event within ${timeoutMs} ms`));
      setTimeout(poll, 10);
    };
    poll();
  });
}

/** Everything in the database, table by table, to prove a rejected call changed nothing. */
export function databaseSnapshot(dbPath: string): Record<string, unknown[]> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
  } finally {
    db.close();
  }
}

/** A small image folder written with sharp: `classes` × `perClass` solid-ish PNGs. */
export async function writeImageFolder(root: string, classes = ['cat', 'dog'], perClass = 6): Promise<void> {
  for (const [k, name] of classes.entries()) {
    mkdirSync(join(root, name), { recursive: true });
    for (let i = 0; i < perClass; i++) {
      const pixels = Buffer.alloc(8 * 8 * 3);
      for (let p = 0; p < pixels.length; p++) pixels[p] = (k * 120 + i * 7 + (p % 3) * 40 + p) % 256;
      await sharp(pixels, { raw: { width: 8, height: 8, channels: 3 } }).png().toFile(join(root, name, `${name}-${i}.png`));
    }
  }
}
