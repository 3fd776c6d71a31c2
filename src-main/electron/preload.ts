/**
 * The bridge between the sandboxed page and main: exposes `window.neuralLab`, the
 * contract's domain methods (`startRun(request)`, `onRunProgress(listener)`, …), and
 * nothing else — never ipcRenderer itself, never the IPC event objects. Built as CommonJS
 * because a sandboxed preload cannot be an ES module.
 */

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcEventChannel, ipcInvokeChannel } from '../../src-shared/api/channels';
import { createApi, type ApiTransport } from '../../src-shared/api/client';
import type { ApiResult } from '../../src-shared/api/result';

const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(ipcEventChannel, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const ipcTransport: ApiTransport = {
  kind: 'ipc',
  invoke: (channel, request) => ipcRenderer.invoke(ipcInvokeChannel, channel, request) as Promise<ApiResult<unknown>>,
  subscribe(event, listener) {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('neuralLab', createApi(ipcTransport));
