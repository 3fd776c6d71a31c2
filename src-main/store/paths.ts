import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder name inside the platform's application data folder. */
export const APP_FOLDER_NAME = 'Neural Lab';
export const DATABASE_FILE_NAME = 'lab.db';

/**
 * Where the app and the `lab` CLI keep their shared database unless told otherwise.
 * `NEURAL_LAB_DB` overrides it (scripts, tests). Otherwise the per-user application data
 * folder, the same place Electron's `app.getPath('userData')` points to for an app
 * named "Neural Lab":
 * - Linux: `$XDG_CONFIG_HOME/Neural Lab/lab.db` (default `~/.config/Neural Lab/lab.db`)
 * - macOS: `~/Library/Application Support/Neural Lab/lab.db`
 * - Windows: `%APPDATA%\Neural Lab\lab.db`
 * Computed without Electron so the CLI finds the same file.
 */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.NEURAL_LAB_DB) return env.NEURAL_LAB_DB;
  return join(appDataFolder(env, platform), APP_FOLDER_NAME, DATABASE_FILE_NAME);
}

function appDataFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') return env.APPDATA || join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(home, '.config');
}
