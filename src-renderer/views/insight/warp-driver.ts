/**
 * Runs the space-warping trainer for the view: in a module Web Worker when the page can
 * start one, otherwise on the UI thread in frame-sized slices (requestAnimationFrame), so
 * the page stays responsive either way. The view sees the same commands and snapshots.
 */

import type { WarpCommand, WarpEvent } from '../../../src-shared/analysis/warp-protocol';
import { WarpLoop } from '../../../src-shared/analysis/warp-loop';

export interface WarpDriver {
  readonly mode: 'worker' | 'main-thread';
  send(command: WarpCommand): void;
  dispose(): void;
}

export function startWarpDriver(onEvent: (event: WarpEvent) => void): WarpDriver {
  try {
    return workerDriver(onEvent);
  } catch {
    return mainThreadDriver(onEvent);
  }
}

function workerDriver(onEvent: (event: WarpEvent) => void): WarpDriver {
  const worker = new Worker(new URL('./warp.worker.ts', import.meta.url), { type: 'module', name: 'space-warp' });
  /** the latest command of each kind, replayed on the UI thread if the worker fails to load */
  const latest = new Map<WarpCommand['type'], WarpCommand>();
  let answered = false;
  let fallback: WarpDriver | null = null;
  worker.onmessage = (event: MessageEvent<WarpEvent>) => {
    answered = true;
    onEvent(event.data);
  };
  worker.onerror = (event) => {
    if (answered || fallback) {
      onEvent({ type: 'error', message: `training worker failed: ${event.message || 'unknown error'}` });
      return;
    }
    // the worker script did not load (e.g. a file:// page): train on the UI thread instead
    event.preventDefault();
    worker.terminate();
    fallback = mainThreadDriver(onEvent);
    for (const kind of ['settings', 'speed', 'running'] as const) {
      const command = latest.get(kind);
      if (command) fallback.send(command);
    }
  };
  return {
    get mode() {
      return fallback ? fallback.mode : 'worker';
    },
    send(command) {
      if (fallback) return fallback.send(command);
      latest.set(command.type, command);
      worker.postMessage(command);
    },
    dispose() {
      fallback?.dispose();
      worker.terminate();
    },
  };
}

function mainThreadDriver(onEvent: (event: WarpEvent) => void): WarpDriver {
  let frame: number | null = null;
  const loop = new WarpLoop({
    post: onEvent,
    // one slice per animation frame: the browser paints between slices
    schedule: (tick) => {
      frame = requestAnimationFrame(() => {
        frame = null;
        tick();
      });
    },
    now: () => performance.now(),
  });
  return {
    mode: 'main-thread',
    send: (command) => loop.handle(command),
    dispose() {
      loop.stop();
      if (frame !== null) cancelAnimationFrame(frame);
    },
  };
}
