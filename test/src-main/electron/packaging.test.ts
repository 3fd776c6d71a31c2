/**
 * The desktop release without the Electron download: electron-builder.json checked by
 * electron-builder's own schema validation, then a real `electron-builder --dir` build of
 * the Linux layout with a stand-in Electron distribution (the binary is all the download
 * would add) and no native rebuild (that needs Electron's headers). What the package holds
 * is read from the app.asar it wrote; the training worker is started from the unpacked
 * layout and trains a toy run, so its chunks and dependencies resolve where the packaged
 * app looks for them.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appLayout, SAMPLE_RESOURCE } from '../../../src-main/electron/app-layout';
import type { RunWorkerInput, WorkerMessage } from '../../../src-shared/training/messages';
import { tempDir } from '../datasets/fixtures';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')) as Record<string, unknown> & {
  asarUnpack: string[]; extraResources: { from: string; to: string }[]; icon: string;
  linux: { target: string[] }; win: { target: string[] }; mac: { target: string[] };
};

async function validate(configuration: unknown): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, logger: unknown): Promise<void> };
  const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled: boolean) => unknown };
  // the validator coerces what it checks in place: give it a copy
  await validateConfiguration(structuredClone(configuration), new DebugLogger(false));
}

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, timeout: 400_000, maxBuffer: 32 << 20, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe('electron-builder.json', () => {
  it('passes electron-builder\'s schema, which does refuse a misspelt option', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(validate({ ...config, asarUnpak: ['x'] })).rejects.toThrow(/unknown property 'asarUnpak'/);
    await expect(validate({ ...config, nsis: { oneClick: 'no' } })).rejects.toThrow(/configuration\.nsis\.oneClick should be a boolean/);
  });

  it('builds AppImage and deb, nsis and dmg, from one 1024-pixel icon, and keeps the sample where the shell looks', async () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    const icon = await sharp(join(root, config.icon)).metadata();
    expect([icon.format, icon.width, icon.height]).toEqual(['png', 1024, 1024]);
    expect(config.extraResources).toEqual([{ from: 'resources/fashion-mnist-sample', to: SAMPLE_RESOURCE }]);
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.dist).toMatch(/^electron-vite build && electron-builder --config electron-builder\.json/);
  });
});

describe('the packaged layout (electron-builder --dir, Linux)', () => {
  const work = tempDir('packaging');
  const resources = join(work.path, 'dist', 'linux-unpacked', 'resources');
  let asarFiles: string[] = [];

  beforeAll(async () => {
    const built = await run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
    expect(built.code, built.output).toBe(0);
    // what the Electron download would unpack, less everything but a launcher
    const electronDist = join(work.path, 'electron-dist');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\n');
    chmodSync(join(electronDist, 'electron'), 0o755);
    const packaged = await run(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--dir', '--linux', '--config', 'electron-builder.json',
      `-c.electronDist=${electronDist}`, '-c.npmRebuild=false', `-c.directories.output=${join(work.path, 'dist')}`]);
    expect(packaged.code, packaged.output).toBe(0);
    const asar = require('@electron/asar') as { listPackage(path: string, options?: object): string[] };
    asarFiles = asar.listPackage(join(resources, 'app.asar'), {}).map((f) => f.replace(/\\/g, '/'));
  }, 600_000);
  afterAll(() => work.remove());

  it('holds the bundles and production modules, and no sources, tests, source maps or development tools', () => {
    const ours = asarFiles.filter((f) => !f.startsWith('/node_modules'));
    console.log(`app.asar: ${asarFiles.length} entries; outside node_modules: ${ours.join(', ')}`);
    for (const file of ['/package.json', '/out/main/main.js', '/out/main/run-worker.js', '/out/preload/index.cjs', '/out/renderer/index.html']) {
      expect(asarFiles, file).toContain(file);
    }
    expect(ours.filter((f) => !(f === '/package.json' || f.startsWith('/out') || '/src-main/kernels/native/build/Release/blas_kernels.node'.startsWith(f)))).toEqual([]);
    expect(ours.filter((f) => f.endsWith('.map'))).toEqual([]);
    const modules = new Set(asarFiles.map((f) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean));
    for (const runtime of ['better-sqlite3', 'sharp', 'zod', 'ws']) expect(modules.has(runtime), runtime).toBe(true);
    for (const development of ['electron', 'vitest', 'playwright-core', 'typescript', 'electron-builder', 'onnxruntime-web']) expect(modules.has(development), development).toBe(false);
  });

  it('unpacks the native modules, the native kernels and the worker, and puts the sample among the resources', () => {
    const unpacked = join(resources, 'app.asar.unpacked');
    expect(existsSync(join(unpacked, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    const img = readdirSync(join(unpacked, 'node_modules', '@img'));
    expect(img.some((name) => name.startsWith('sharp-libvips-'))).toBe(true);
    const layout = appLayout({ packaged: true, mainDir: join(resources, 'app.asar', 'out', 'main'), resourcesPath: resources });
    expect(existsSync(layout.runWorker)).toBe(true);
    expect(asarFiles).toContain(layout.rendererIndex.slice(join(resources, 'app.asar').length).replace(/\\/g, '/'));
    expect(asarFiles).toContain(layout.preload.slice(join(resources, 'app.asar').length).replace(/\\/g, '/'));
    // the native kernels (a Node-API addon, so one build serves Node and Electron) beside the unpacked worker, when this checkout built them
    const addon = join('src-main', 'kernels', 'native', 'build', 'Release', 'blas_kernels.node');
    expect(existsSync(join(unpacked, addon))).toBe(existsSync(join(root, addon)));
    const sample = readdirSync(layout.sampleFolder, { recursive: true }).filter((f) => String(f).endsWith('.png'));
    expect(sample.length).toBeGreaterThan(2000);
  });

  it('the unpacked training worker finds its chunks and modules and trains a toy run to the end', async () => {
    const layout = appLayout({ packaged: true, mainDir: join(resources, 'app.asar', 'out', 'main'), resourcesPath: resources });
    const input: RunWorkerInput = {
      runId: 1,
      config: {
        model: { inputSize: 2, numClasses: 2, hidden: [{ units: 8, activation: 'relu' }] },
        loss: 'softmax',
        regularizer: { kind: 'none', l1: 0, l2: 0, proximal: false },
        optimizer: { kind: 'sgd', lr: 0.1 },
        schedule: { kind: 'constant' },
        batchSize: 16,
        epochs: 2,
        seed: 3,
      },
      data: { kind: 'toy', spec: { kind: 'toy', toy: 'xor', samples: 100, noise: 0.1, seed: 3 }, split: { val: 0.1, test: 0, seed: 3 } },
      state: null,
      checkpointEvery: 0,
      checkpointMinIntervalMs: 0,
      progressIntervalMs: 0,
      maxStepRowsPerSecond: Infinity,
    };
    const messages: WorkerMessage['type'][] = await new Promise((resolve, reject) => {
      const seen: WorkerMessage['type'][] = [];
      const worker = new Worker(layout.runWorker, { workerData: input });
      worker.on('message', (message: WorkerMessage) => seen.push(message.type));
      worker.on('error', reject);
      worker.on('exit', () => resolve(seen));
    });
    expect(messages[messages.length - 1]).toBe('done');
  }, 60_000);
});
