/** Where the desktop shell looks for its files, in the repository and in electron-builder's packaged layout. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appLayout, SAMPLE_RESOURCE, unpackedPath } from '../../../src-main/electron/app-layout';

describe('appLayout', () => {
  it('in development: everything under the repository, the Electron build of better-sqlite3 from .cache', () => {
    const layout = appLayout({ packaged: false, mainDir: '/home/me/neural-lab/out/main', resourcesPath: '/usr/lib/electron/resources' });
    expect(layout).toEqual({
      appRoot: '/home/me/neural-lab',
      rendererIndex: '/home/me/neural-lab/out/renderer/index.html',
      preload: '/home/me/neural-lab/out/preload/index.cjs',
      runWorker: '/home/me/neural-lab/out/main/run-worker.js',
      sampleFolder: '/home/me/neural-lab/resources/fashion-mnist-sample',
      packagedNativeModules: false,
    });
  });

  it('packaged: bundles inside app.asar, the worker unpacked beside it, the sample among the resources', () => {
    const resources = '/opt/Neural Lab/resources';
    const layout = appLayout({ packaged: true, mainDir: join(resources, 'app.asar', 'out', 'main'), resourcesPath: resources });
    expect(layout).toEqual({
      appRoot: join(resources, 'app.asar'),
      rendererIndex: join(resources, 'app.asar', 'out', 'renderer', 'index.html'),
      preload: join(resources, 'app.asar', 'out', 'preload', 'index.cjs'),
      runWorker: join(resources, 'app.asar.unpacked', 'out', 'main', 'run-worker.js'),
      sampleFolder: join(resources, SAMPLE_RESOURCE),
      packagedNativeModules: true,
    });
  });

  it('maps only paths inside an archive to app.asar.unpacked', () => {
    expect(unpackedPath('/a/app.asar/out/main/x.js')).toBe('/a/app.asar.unpacked/out/main/x.js');
    // a folder merely named like the archive is not it
    expect(() => unpackedPath('/a/app.asar.backup/x.js')).toThrow('/a/app.asar.backup/x.js is not inside an app.asar archive');
    expect(() => unpackedPath('/home/me/neural-lab/out/main/run-worker.js')).toThrow(/is not inside an app\.asar archive/);
  });
});
