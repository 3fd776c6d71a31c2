import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { LabStore } from '../../../src-main/store';
import { electronBuildProblem, identifyAddon } from '../../../src-main/electron/build-native';
import { electronBindingDir, missingBindingMessage, sqliteBindingPath } from '../../../src-main/electron/sqlite-binding';

const require = createRequire(import.meta.url);
const nodeBuild = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

describe('choosing the better-sqlite3 native module per runtime', () => {
  it('leaves Node (tests, CLI, web mode) on node_modules\' own build', () => {
    expect(sqliteBindingPath({ appRoot: '/app', versions: { node: '20.20.2' }, platform: 'linux', arch: 'x64' })).toBeUndefined();
  });

  it('points Electron at the build for its exact version, OS and CPU, outside node_modules', () => {
    const path = sqliteBindingPath({ appRoot: '/app', versions: { node: '22.1.0', electron: '41.7.1' }, platform: 'linux', arch: 'x64' });
    expect(path).toBe('/app/.cache/electron-native/better-sqlite3-electron-41.7.1-linux-x64/better_sqlite3.node');
    expect(path!.startsWith(electronBindingDir('/app', '41.7.1', 'linux', 'x64'))).toBe(true);
    expect(sqliteBindingPath({ appRoot: '/app', versions: { node: '22.1.0', electron: '42.0.0' }, platform: 'darwin', arch: 'arm64' })).toContain(
      'better-sqlite3-electron-42.0.0-darwin-arm64',
    );
    expect(path).not.toContain('node_modules');
  });

  it('says what to run when the Electron build is missing', () => {
    expect(missingBindingMessage('/x/better_sqlite3.node', '41.7.1')).toMatch(/npm run build:native.*npm run web/s);
  });
});

describe('checking a built module', () => {
  it('recognizes node_modules\' build as a Node build and refuses it for Electron', () => {
    expect(identifyAddon(nodeBuild)).toEqual({ runtime: 'node' });
    expect(electronBuildProblem(nodeBuild, '41.7.1')).toMatch(/built for Node .*not for Electron 41\.7\.1/);
  });

  it('reports a missing or non-module file', () => {
    expect(electronBuildProblem('/nonexistent/better_sqlite3.node', '41.7.1')).toMatch(/does not exist/);
    expect(electronBuildProblem(join(dirname(nodeBuild), '..', '..', 'package.json'), '41.7.1')).toMatch(/not a loadable native module/);
  });
});

describe('handing the chosen module to the store', () => {
  it('opens the database with the module it is given, and says so when it cannot load it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'nl-binding-'));
    try {
      const store = new LabStore(join(folder, 'lab.db'), { nativeBinding: nodeBuild });
      expect(store.createExperiment({ name: 'loaded' }).name).toBe('loaded');
      store.close();
      expect(() => new LabStore(join(folder, 'other.db'), { nativeBinding: join(folder, 'missing.node') })).toThrow(/cannot open database .*other\.db/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
