/**
 * The Electron shell, and the only place the app imports Electron at run time besides the
 * preload script. It opens one secure window, wires the contract's router to IPC, and
 * provides what only a desktop has: native dialogs, the application menu, a remembered
 * window size, one instance at a time, and a quit that first checkpoints running trainings
 * and closes the database. Everything else (services, router) is plain Node (../api).
 */

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, type MenuItemConstructorOptions } from 'electron';
import { contentSecurityPolicy, startLab, type Lab } from '../api';
import type { EventOf } from '../../src-shared/api/contract';
import { forwardEvents, registerIpcApi } from './ipc-bridge';
import type { TrustedOrigins } from './trust';
import { openSecureWindow } from './window';
import { loadWindowState, placeOnDisplays, saveWindowState, windowStateFileName, type WindowState } from './window-state';
import { missingBindingMessage, sqliteBindingPath } from './sqlite-binding';
import { appLayout } from './app-layout';

/** the repository in development, resources/app.asar packaged (app-layout.ts) */
const layout = appLayout({ packaged: app.isPackaged, mainDir: dirname(fileURLToPath(import.meta.url)), resourcesPath: process.resourcesPath });
const { appRoot, rendererIndex: rendererIndexFile, preload: preloadPath } = layout;
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const trusted: TrustedOrigins = { rendererIndexFile, devServerUrl };

let mainWindow: BrowserWindow | null = null;
let lab: Lab | null = null;
let quitting: 'no' | 'closing' | 'done' = 'no';

// userData becomes ".../Neural Lab", the folder the CLI and web mode use too (store/paths.ts).
app.setName('Neural Lab');

if (!app.requestSingleInstanceLock()) {
  // Another Neural Lab owns the database; it gets focus (second-instance below) and we leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    // No page of ours ever needs these: deny them for every web contents, present and future.
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('before-quit', (event) => {
    if (quitting === 'done') return;
    event.preventDefault();
    if (quitting === 'closing') return;
    quitting = 'closing';
    void shutDown().finally(() => {
      quitting = 'done';
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  hardenSession();
  const userData = app.getPath('userData');
  const nativeBinding = layout.packagedNativeModules ? undefined : sqliteBindingPath({ appRoot, versions: process.versions, platform: process.platform, arch: process.arch });
  if (nativeBinding && !existsSync(nativeBinding)) throw new Error(missingBindingMessage(nativeBinding, process.versions.electron));
  lab = await startLab({
    mode: 'desktop',
    appRoot,
    sampleFolder: layout.sampleFolder,
    nativeBinding,
    // bundled next to main.js by electron.vite.config.ts (and unpacked from the asar when packaged)
    workerScript: layout.runWorker,
    dialogs: {
      chooseFolder: async (title) => {
        const result = await dialog.showOpenDialog(mainWindow!, { title: title ?? 'Choose a dataset folder', properties: ['openDirectory'] });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      chooseSavePath: async (defaultName, extensions) => {
        const result = await dialog.showSaveDialog(mainWindow!, {
          defaultPath: defaultName,
          filters: extensions && extensions.length > 0 ? [{ name: extensions.join(', '), extensions }] : undefined,
        });
        return result.canceled ? null : (result.filePath ?? null);
      },
      chooseFiles: async (title, filters, multiple) => {
        const result = await dialog.showOpenDialog(mainWindow!, { title, filters, properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'] });
        return result.canceled ? null : result.filePaths;
      },
    },
  });
  registerIpcApi(ipcMain, lab.router, trusted);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate()));
  createWindow(userData);
}

/** CSP as a header too (the meta tag covers file://), and no permission for anything. */
function hardenSession(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  // The lab needs no camera, microphone, notifications, geolocation or anything else.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

function createWindow(userData: string): void {
  const stateFile = join(userData, windowStateFileName);
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const state = placeOnDisplays(loadWindowState(stateFile), workAreas);
  const window = openSecureWindow(BrowserWindow, { preloadPath, state });
  mainWindow = window;
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  // Page-level guards in addition to the app-wide ones: only our own page, never a new window.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));

  const stopEvents = forwardEvents(lab!.router, window.webContents);
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    const remembered: WindowState = { width: bounds.width, height: bounds.height, x: bounds.x, y: bounds.y, maximized: window.isMaximized() };
    try {
      saveWindowState(stateFile, remembered);
    } catch (error) {
      console.error('could not remember the window size:', error);
    }
  });
  window.on('closed', () => {
    stopEvents();
    mainWindow = null;
  });

  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(rendererIndexFile);
}

function sendMenuCommand(command: EventOf<'menuCommand'>['command']): void {
  lab?.router.emit('menuCommand', { command });
}

function menuTemplate(): MenuItemConstructorOptions[] {
  const isMac = process.platform === 'darwin';
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import Dataset Folder…', accelerator: 'CmdOrCtrl+O', click: () => sendMenuCommand('import-folder') },
        { label: 'Import Built-in Sample', click: () => sendMenuCommand('import-sample') },
        { type: 'separator' },
        { label: 'New Experiment', accelerator: 'CmdOrCtrl+N', click: () => sendMenuCommand('new-experiment') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Datasets', accelerator: 'CmdOrCtrl+1', click: () => sendMenuCommand('show-datasets') },
        { label: 'Runs', accelerator: 'CmdOrCtrl+2', click: () => sendMenuCommand('show-runs') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Neural Lab', click: () => sendMenuCommand('about') }] },
  ];
}

/** Pauses (checkpoints) every training run and closes the database, so nothing is lost on quit. */
async function shutDown(): Promise<void> {
  try {
    await lab?.close();
  } catch (error) {
    console.error('shutting down the lab failed:', error);
  } finally {
    lab = null;
  }
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('Neural Lab could not start:', error);
  dialog.showErrorBox('Neural Lab could not start', message);
  quitting = 'done';
  app.quit();
}
