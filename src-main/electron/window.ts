/**
 * The app's one window, configured by Electron's security checklist. Kept free of
 * Electron at run time: main.ts passes the real BrowserWindow class, and
 * `secureWindowOptions` captures exactly what it would receive so a test can assert it
 * under plain Node. The options are written out literally inside `new BrowserWindow(…)`
 * so that source scanners (electronegativity) see them too.
 */

import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowState } from './window-state';

export interface WindowInput {
  /** absolute path of the built preload script (out/preload/index.cjs) */
  preloadPath: string;
  state: WindowState;
}

export type BrowserWindowClass<W> = new (options: BrowserWindowConstructorOptions) => W;

export const minimumWindowSize = { width: 800, height: 600 } as const;

export function openSecureWindow<W>(BrowserWindow: BrowserWindowClass<W>, input: WindowInput): W {
  return new BrowserWindow({
    width: input.state.width,
    height: input.state.height,
    ...(input.state.x !== undefined && input.state.y !== undefined ? { x: input.state.x, y: input.state.y } : {}),
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    title: 'Neural Lab',
    // shown once the first paint is ready, so the user never sees a blank white frame
    show: false,
    webPreferences: {
      preload: input.preloadPath, // eng-disable PRELOAD_JS_CHECK: reviewed; the preload exposes only the contract's domain methods (preload.ts), never ipcRenderer
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // middle-click would open links in new windows
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** What `openSecureWindow` passes to BrowserWindow, for tests and scanners. */
export function secureWindowOptions(input: WindowInput): BrowserWindowConstructorOptions {
  let captured: BrowserWindowConstructorOptions | undefined;
  openSecureWindow(
    class {
      constructor(options: BrowserWindowConstructorOptions) {
        captured = options;
      }
    },
    input,
  );
  return captured!;
}
