/**
 * Security checks that complement the API and web server tests of issue 5
 * (test/src-main/web/server.test.ts: token, cookie, origin, Host, loopback binding;
 * test/src-main/api/malformed.test.ts: traversal in file names and paths of requests;
 * test/src-main/electron/window.test.ts: the BrowserWindow options):
 *
 * - names that come from file *content* (a stranger's model: its name, its class names)
 *   never become paths outside the folder the user chose, whatever they say;
 * - symbolic links at a destination are replaced, never written through; a link planted
 *   in the models folder is removed by deleteModel, not its target;
 * - no user input reaches a shell: src-main has no exec/execSync and no `shell: true`,
 *   and the two places that start programs pass argument arrays of our own data;
 * - web mode: IPv6 loopback is not served either, cross-origin preflights get no CORS
 *   grant, and near-miss tokens are refused.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNativeModel } from '../../src-shared/export/native';
import { browserCommand } from '../../src-main/web/main';
import { startHarness, type Harness } from '../src-main/api/harness';
import { smallModel } from '../src-shared/export/helpers';
import { repoRoot, tempFolder, type TempFolder } from './helpers';

/** Every file below `dir`, relative to it. */
function filesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

describe('names from file content', () => {
  let h: Harness;
  let outside: TempFolder;
  beforeAll(async () => {
    h = await startHarness('web');
    outside = tempFolder('nl-outside-');
  });
  afterAll(async () => {
    await h.close();
    outside.cleanup();
  });

  it('a hostile model\'s name and class names stay inside the models folder and the export folder', async () => {
    const { model } = smallModel({ seed: 9, classes: 6, perClass: 6 });
    const escape = relative(join(h.folder, 'x'), join(outside.dir, 'escaped'));
    model.name = `${escape}-model`;
    model.classNames = [`${escape}-a`, `${outside.dir}/escaped-b`, '..', 'CON', 'a\\b:c*?"<>|', '\u202egnp.exe'];
    const file = join(h.folder, 'stranger.json');
    writeFileSync(file, encodeNativeModel(model));

    const imported = await h.invokeRaw('importModel', { path: file });
    if (!imported.ok) throw new Error(imported.error.message);
    const { id } = (imported.value as { model: { id: string } }).model;
    expect(id).not.toMatch(/[/\\]/);
    expect(filesBelow(join(h.lab.store.path, '..', 'models'))).toEqual([id]);

    const templates = join(h.folder, 'templates');
    mkdirSync(templates);
    const exported = await h.invokeRaw('exportTemplates', { model: { kind: 'imported', modelId: id }, folder: templates });
    if (!exported.ok) throw new Error(exported.error.message);
    const files = (exported.value as { files: { path: string }[] }).files.map((f) => f.path);
    expect(files).toHaveLength(6);
    for (const path of files) expect(relative(templates, path)).not.toMatch(/[/\\]|^\.\.?$/);
    expect(filesBelow(templates)).toHaveLength(6);

    const named = await h.invokeRaw('exportModel', { model: { kind: 'imported', modelId: id }, format: 'safetensors', folder: templates, fileName: 'model.safetensors' });
    if (!named.ok) throw new Error(named.error.message);
    expect(filesBelow(templates)).toContain('model.py');
    // nothing reached the folder beside it
    expect(readdirSync(outside.dir)).toEqual([]);
  });
});

describe('symbolic links', () => {
  let h: Harness;
  let outside: TempFolder;
  beforeAll(async () => {
    h = await startHarness('ipc');
    outside = tempFolder('nl-outside-');
  });
  afterAll(async () => {
    await h.close();
    outside.cleanup();
  });

  it('an export onto a link replaces the link and leaves what it pointed to untouched', async () => {
    const { model } = smallModel({ seed: 10 });
    const source = join(h.folder, 'm.json');
    writeFileSync(source, encodeNativeModel(model));
    const imported = await h.invokeRaw('importModel', { path: source });
    if (!imported.ok) throw new Error(imported.error.message);
    const { id } = (imported.value as { model: { id: string } }).model;

    const victim = join(outside.dir, 'precious.txt');
    writeFileSync(victim, 'do not touch');
    const folder = join(h.folder, 'out');
    mkdirSync(folder);
    symlinkSync(victim, join(folder, 'model.onnx'));
    const refused = await h.invokeRaw('exportModel', { model: { kind: 'imported', modelId: id }, format: 'onnx', folder, fileName: 'model.onnx' });
    expect(refused.ok ? 'written' : refused.error.code).toBe('conflict');
    const replaced = await h.invokeRaw('exportModel', { model: { kind: 'imported', modelId: id }, format: 'onnx', folder, fileName: 'model.onnx', overwrite: true });
    if (!replaced.ok) throw new Error(replaced.error.message);
    expect(readFileSync(victim, 'utf8')).toBe('do not touch');
    expect(statSync(join(folder, 'model.onnx')).isFile()).toBe(true);
  });

  it('deleteModel removes a link planted in the models folder, not its target', async () => {
    const victim = join(outside.dir, 'victim.json');
    writeFileSync(victim, encodeNativeModel(smallModel({ seed: 11 }).model));
    const models = join(h.lab.store.path, '..', 'models');
    mkdirSync(models, { recursive: true });
    symlinkSync(victim, join(models, 'planted.json'));
    expect(await h.invokeRaw('deleteModel', { modelId: 'planted.json' })).toEqual({ ok: true, value: { deleted: true } });
    expect(existsSync(join(models, 'planted.json'))).toBe(false);
    expect(existsSync(victim)).toBe(true);
  });
});

describe('no user input reaches a shell', () => {
  const sources = (dir: string): string[] => filesBelow(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
  const mainSources = [...sources(join(repoRoot, 'src-main')), ...sources(join(repoRoot, 'src-shared'))];

  it('src-main and src-shared never run a command line through a shell', () => {
    const offenses: string[] = [];
    for (const file of mainSources) {
      const text = readFileSync(file, 'utf8');
      const where = relative(repoRoot, file);
      // exec/execSync always go through /bin/sh (or cmd.exe); execFile/spawn do not unless told to
      // (not RegExp.prototype.exec: a call on nothing, or on child_process)
      if (/(^|[^.\w])exec(Sync)?\s*\(|child_process\w*\.exec(Sync)?\s*\(/.test(text) && /child_process/.test(text)) offenses.push(`${where}: exec/execSync`);
      if (/shell\s*:\s*(true|['"`])/.test(text)) offenses.push(`${where}: shell option`);
      if (/\bfrom\s+['"](node:)?child_process['"]/.test(text) && /\{[^}]*\b(exec|execSync)\b[^}]*\}\s*from\s+['"](node:)?child_process/.test(text)) offenses.push(`${where}: imports exec`);
      if (/(^|[^.\w'"])eval\s*\(|new Function\s*\(/.test(text)) offenses.push(`${where}: eval or new Function`);
    }
    expect(offenses).toEqual([]);
  });

  it('only two files start programs, with argument arrays that carry no request data', () => {
    const starters = mainSources.filter((file) => /child_process/.test(readFileSync(file, 'utf8'))).map((f) => relative(repoRoot, f)).sort();
    // web/main.ts opens the browser on our own URL; electron/build-native.ts runs node-gyp for the Electron build of better-sqlite3
    expect(starters).toEqual(['src-main/electron/build-native.ts', 'src-main/web/main.ts']);
    // a program can only start through child_process; a bare spawn("cmd", …) call with a literal is flagged too (not a worker factory like context.spawn)
    const api = mainSources.filter((f) => /src-main\/(api|datasets|models|store|training)\//.test(f));
    for (const file of api) expect(readFileSync(file, 'utf8'), relative(repoRoot, file)).not.toMatch(/child_process|process\.binding|(?<![.\w])spawn(Sync)?\(\s*['"`]/);
  });

  it('the browser is opened with the URL as one argument, and the URL holds nothing a shell or cmd.exe would act on', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const how = browserCommand(platform, { DISPLAY: ':0' });
      expect(how).not.toBeNull();
      expect(how!.args.every((a) => !a.includes('http'))).toBe(true);
    }
    // what web mode prints and opens: loopback, a port and a base64url token, nothing else (cmd /c start parses it)
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', `
      import { startWebServer } from './src-main/web/server.ts';
      const s = await startWebServer({ router: { invoke: async () => ({ ok: true, value: null }), emit() {}, subscribe: () => () => {} }, staticDir: null });
      console.log(s.url); await s.close();`], { cwd: repoRoot, encoding: 'utf8' });
    expect(output.trim()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32,}\/$/);
  });
});

describe('web mode, beyond issue 5\'s tests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('web');
  });
  afterAll(async () => {
    await h.close();
  });

  it('is not served on IPv6 loopback either', async () => {
    const reached = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '::1', port: h.server!.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    expect(reached).toBe(false);
  });

  it('grants no CORS: a foreign preflight and a foreign request get no Access-Control-Allow-* header', async () => {
    const { origin, token } = h.server!;
    const preflight = await fetch(`${origin}/api/invoke/deleteRun`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,authorization' },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect([...preflight.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
    const foreign = await fetch(`${origin}/api/invoke/listRuns`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example', Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect([...foreign.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
  });

  it('refuses near-miss tokens: one character off, another case, padded, cut short, or in the wrong header', async () => {
    const { origin, token } = h.server!;
    const flip = (c: string) => (c === 'A' ? 'B' : 'A');
    const nearMisses = [
      `${token.slice(0, -1)}${flip(token.at(-1)!)}`,
      token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(),
      `${token}=`,
      token.slice(0, 16),
    ];
    for (const candidate of nearMisses) {
      const response = await fetch(`${origin}/api/invoke/getAppInfo`, { method: 'POST', headers: { Authorization: `Bearer ${candidate}`, 'Content-Type': 'application/json' }, body: '{}' });
      expect(response.status, candidate).toBe(401);
    }
    const wrongHeader = await fetch(`${origin}/api/invoke/getAppInfo`, { method: 'POST', headers: { 'X-Token': token, 'Content-Type': 'application/json' }, body: '{}' });
    expect(wrongHeader.status).toBe(401);
  });
});
