/**
 * Where the desktop app finds its own files, in development (`npm start`: the repository,
 * main.js in out/main) and packaged by electron-builder (electron-builder.json):
 *
 *   resources/app.asar/out/{main,preload,renderer}/…     the bundles, read through Electron's asar support
 *   resources/app.asar.unpacked/out/main/run-worker.js    the training worker: worker_threads start it from
 *                                                          a real file, with its chunks and zod beside it
 *   resources/app.asar.unpacked/node_modules/…            native modules (better-sqlite3, sharp + libvips)
 *   resources/fashion-mnist-sample/                       the built-in sample (extraResources)
 *
 * Pure path arithmetic (no Electron import), so both layouts are tested without Electron.
 */
import { join, resolve, sep } from 'node:path';

/** The sample's folder under the packaged resources: electron-builder.json's extraResources `to`. */
export const SAMPLE_RESOURCE = 'fashion-mnist-sample';

export interface LayoutQuery {
  /** app.isPackaged */
  packaged: boolean;
  /** the folder main.js runs from (out/main, inside app.asar when packaged) */
  mainDir: string;
  /** process.resourcesPath (the folder holding app.asar when packaged) */
  resourcesPath: string;
}

export interface AppLayout {
  /** the repository, or resources/app.asar */
  appRoot: string;
  rendererIndex: string;
  preload: string;
  /** the training worker's script, a real file on disk */
  runWorker: string;
  /** the built-in sample image folder */
  sampleFolder: string;
  /**
   * true: the packaged better-sqlite3 (rebuilt for Electron by electron-builder) loads on
   * its own; false: development, where node_modules holds Node's build and the shell
   * points better-sqlite3 at the Electron build in .cache (sqlite-binding.ts)
   */
  packagedNativeModules: boolean;
}

export function appLayout(query: LayoutQuery): AppLayout {
  const appRoot = resolve(query.mainDir, '..', '..');
  const bundles = {
    appRoot,
    rendererIndex: join(query.mainDir, '..', 'renderer', 'index.html'),
    preload: join(query.mainDir, '..', 'preload', 'index.cjs'),
  };
  if (!query.packaged) {
    return { ...bundles, runWorker: join(query.mainDir, 'run-worker.js'), sampleFolder: join(appRoot, 'resources', SAMPLE_RESOURCE), packagedNativeModules: false };
  }
  return {
    ...bundles,
    runWorker: unpackedPath(join(query.mainDir, 'run-worker.js')),
    sampleFolder: join(query.resourcesPath, SAMPLE_RESOURCE),
    packagedNativeModules: true,
  };
}

/** The same file in app.asar.unpacked, where electron-builder puts what asarUnpack names. */
export function unpackedPath(path: string): string {
  const marker = `${sep}app.asar${sep}`;
  const at = path.indexOf(marker);
  if (at === -1) throw new Error(`${path} is not inside an app.asar archive`);
  return `${path.slice(0, at)}${sep}app.asar.unpacked${sep}${path.slice(at + marker.length)}`;
}
