/**
 * `npm run web` as a user runs it: a real child process under tsx with its own database,
 * printing a token URL that works, refusing bad options with one line, and stopping
 * cleanly on SIGTERM.
 */

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { browserCommand, parseWebArgs } from '../../../src-main/web/main';
import { appRoot } from '../api/harness';

const entry = join(appRoot, 'src-main', 'web', 'main.ts');
const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

describe('web mode options', () => {
  it('parses port, database, renderer and --no-open', () => {
    expect(parseWebArgs([])).toEqual({ port: 0, open: true, help: false });
    expect(parseWebArgs(['--port', '8123', '--db=/tmp/x.db', '--renderer', 'dist', '--no-open'])).toEqual({ port: 8123, db: '/tmp/x.db', renderer: 'dist', open: false, help: false });
  });

  it('says what is wrong with a bad option', () => {
    expect(() => parseWebArgs(['--port', '99999'])).toThrow("--port must be a whole number from 0 to 65535, got '99999'");
    expect(() => parseWebArgs(['--port', '-1'])).toThrow(/--port must be a whole number/);
    expect(() => parseWebArgs(['--port'])).toThrow('--port needs a value');
    expect(() => parseWebArgs(['--host', '0.0.0.0'])).toThrow("unknown option '--host'");
  });

  it('opens a browser only where there is one', () => {
    expect(browserCommand('linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [] });
    expect(browserCommand('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual({ command: 'xdg-open', args: [] });
    expect(browserCommand('linux', {})).toBeNull();
    expect(browserCommand('linux', { DISPLAY: ':0', CI: 'true' })).toBeNull();
    expect(browserCommand('darwin', {})).toEqual({ command: 'open', args: [] });
  });
});

describe('npm run web', () => {
  it('serves the lab on a token URL and stops cleanly on SIGTERM', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'nl-webmain-'));
    folders.push(folder);
    const renderer = join(folder, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Neural Lab</title>');
    const child = spawn(process.execPath, ['--import', 'tsx', entry, '--port', '0', '--db', join(folder, 'lab.db'), '--renderer', renderer], {
      cwd: appRoot,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const output: string[] = [];
    const printedUrl = new Promise<string>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        output.push(line);
        const match = /running at (http:\/\/127\.0\.0\.1:\d+\/[\w-]+\/)$/.exec(line);
        if (match) resolve(match[1]);
      });
      child.on('exit', () => resolve(''));
    });
    const url = await printedUrl;
    expect(url, `${output.join('\n')}\n${stderr}`).not.toBe('');
    const { origin, pathname } = new URL(url);
    const token = pathname.split('/')[1];

    const page = await fetch(url, { redirect: 'manual' });
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).toContain('<title>Neural Lab</title>');
    expect((await fetch(`${origin}/`)).status).toBe(401);
    const info = await fetch(`${origin}/api/invoke/getAppInfo`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(await info.json()).toMatchObject({ ok: true, value: { mode: 'web', dataDir: folder, nativeDialogs: false } });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output.join('\n')).toContain('Stopped.');
    expect(stderr).toBe('');
  });

  it('refuses a bad option with one line and exit code 2', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', entry, '--port', 'eighty'], { cwd: appRoot, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe("npm run web: --port must be a whole number from 0 to 65535, got 'eighty'");
  });

  it('says how to build the renderer when it is missing', () => {
    const folder = mkdtempSync(join(tmpdir(), 'nl-webmain-'));
    folders.push(folder);
    const result = spawnSync(process.execPath, ['--import', 'tsx', entry, '--renderer', join(folder, 'nothing'), '--db', join(folder, 'lab.db')], { cwd: appRoot, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/the renderer is not built .*run `npm run build` first/);
  });
});
