/**
 * better-sqlite3 in two worlds. Its native module must match the ABI of the runtime that
 * loads it: node_modules holds the build for Node (tests, the CLI, web mode), and the
 * desktop app needs one built for Electron. Rather than rebuilding node_modules back and
 * forth, the Electron build lives in its own folder (.cache/electron-native/…, made by
 * `npm run build:native`, which `npm start` runs first) and the Electron shell passes its
 * path to better-sqlite3's `nativeBinding` option. Under Node nothing changes.
 */

import { join } from 'node:path';

export interface BindingQuery {
  /** the repository (or packaged app) root */
  appRoot: string;
  /** process.versions of the running process */
  versions: { node: string; electron?: string };
  platform: string;
  arch: string;
}

export const sqliteAddonFile = 'better_sqlite3.node';

/** Where the Electron build of better-sqlite3 for this Electron version, OS and CPU lives. */
export function electronBindingDir(appRoot: string, electronVersion: string, platform: string, arch: string): string {
  return join(appRoot, '.cache', 'electron-native', `better-sqlite3-electron-${electronVersion}-${platform}-${arch}`);
}

/**
 * The `nativeBinding` path for this runtime: undefined under Node (better-sqlite3 finds its
 * own build in node_modules), the Electron build's file under Electron.
 */
export function sqliteBindingPath(query: BindingQuery): string | undefined {
  const electron = query.versions.electron;
  if (!electron) return undefined;
  return join(electronBindingDir(query.appRoot, electron, query.platform, query.arch), sqliteAddonFile);
}

/** The message for a missing Electron build: what to run. */
export function missingBindingMessage(path: string, electronVersion: string): string {
  return (
    `The SQLite module built for Electron ${electronVersion} is missing (${path}). ` +
    'Run `npm run build:native` (needs network access to download Electron headers or a prebuilt module), ' +
    'or use web mode (`npm run web`), which runs under Node.'
  );
}
