/**
 * The IPC side of the contract, without importing Electron at run time: main.ts hands in
 * `ipcMain` and a window's `send`, tests hand in stand-ins with a fake sender frame. Every
 * invoke arrives on one channel as (name, request), passes the sender check, and goes to
 * the router; every event leaves on one channel as (name, payload).
 */

import type { IpcMain } from 'electron';
import { ipcEventChannel, ipcInvokeChannel, type EventName } from '../../src-shared/api/channels';
import type { ApiResult } from '../../src-shared/api/result';
import type { ApiRouter } from '../api';
import { isTrustedSender, type SenderFrameLike, type TrustedOrigins } from './trust';

/** The part of IpcMainInvokeEvent the bridge reads. */
export interface InvokeEventLike {
  senderFrame: SenderFrameLike | null;
}

export type IpcInvokeHandler = (event: InvokeEventLike, channel: unknown, request: unknown) => Promise<ApiResult<unknown>>;

/** The function ipcMain.handle runs for the invoke channel. */
export function ipcInvokeHandler(router: ApiRouter, trusted: TrustedOrigins): IpcInvokeHandler {
  return async (event, channel, request) => {
    if (!isTrustedSender(event.senderFrame, trusted)) {
      return { ok: false, error: { code: 'forbidden', message: 'This page may not use the Neural Lab API' } };
    }
    return router.invoke(channel, request, { transport: 'ipc' });
  };
}

/** Registers the invoke channel on ipcMain; returns the function that removes it. */
export function registerIpcApi(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, router: ApiRouter, trusted: TrustedOrigins): () => void {
  const handler = ipcInvokeHandler(router, trusted);
  ipcMain.handle(ipcInvokeChannel, (event, channel: unknown, request: unknown) => handler(event, channel, request));
  return () => ipcMain.removeHandler(ipcInvokeChannel);
}

/** Something events can be sent to: a window's webContents. */
export interface EventSink {
  send(channel: string, event: EventName, payload: unknown): void;
  isDestroyed(): boolean;
}

/** Forwards every router event to the sink while it lives; returns the unsubscribe function. */
export function forwardEvents(router: ApiRouter, sink: EventSink): () => void {
  return router.subscribe((event, payload) => {
    if (!sink.isDestroyed()) sink.send(ipcEventChannel, event, payload);
  });
}
