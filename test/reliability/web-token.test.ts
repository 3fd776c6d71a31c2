/**
 * Issue 15, failures 9 and 11: the web mode's secret and its redirects.
 *
 * 9. Before: the token became a cookie for 127.0.0.1, and cookies ignore ports, so any
 *    other local service the browser visited received `neural_lab_token` and could call the
 *    API. Now the secret is a per-start path prefix; a real Chromium that opened the lab
 *    and then visits another port on 127.0.0.1 sends it nothing, and the lab page still
 *    works (API and events) without any cookie.
 * 11. Before: `GET /.//evil.com?token=T` answered `303 Location: //evil.com` (another host).
 *    Now every redirect names a path below the prefix on this origin.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../src-main/web/server';
import { chromiumArgs, chromiumPath } from '../e2e/harness';
import { startTestLab, tempFolder, type TempFolder } from './helpers';
import type { Lab } from '../../src-main/api/lab';

let folder: TempFolder;
let lab: Lab;
let server: WebServer;

beforeAll(async () => {
  folder = tempFolder('nl-token-');
  lab = await startTestLab(folder.file('lab.db'));
  // a tiny page standing in for the renderer: it calls the API and opens the events socket relative to itself
  const site = folder.file('site');
  mkdirSync(site);
  writeFileSync(`${site}/index.html`, '<!doctype html><title>Neural Lab</title><script src="./app.js"></script>');
  writeFileSync(`${site}/app.js`, `
    window.result = (async () => {
      const base = new URL('.', location.href).href.replace(/\\/$/, '');
      const info = await fetch(base + '/api/invoke/getAppInfo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.json());
      const socket = await new Promise((resolve) => {
        const ws = new WebSocket(base.replace(/^http/, 'ws') + '/api/events');
        ws.onopen = () => { ws.close(); resolve('open'); };
        ws.onerror = () => resolve('refused');
      });
      return { ok: info.ok, socket, cookies: document.cookie };
    })();`);
  server = await startWebServer({ router: lab.router, staticDir: site });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await lab?.close();
  folder.cleanup();
});

describe('the secret reaches no other port (failure 9)', () => {
  let browser: Browser;
  let other: Server;
  const received: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    other = createServer((req, res) => {
      received.push(req.headers);
      res.end('<!doctype html><title>other service</title>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => other?.close(resolve));
  });

  it('Chromium opens the lab, uses the API and events without a cookie, then visits another port: nothing of the token goes there', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.origin}/?token=${server.token}`);
    const labPath = new URL(page.url()).pathname;
    const result = await page.evaluate(() => (globalThis as unknown as { result: Promise<unknown> }).result);
    const cookies = await context.cookies();

    const otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    await page.goto(`${otherOrigin}/anything`);
    await page.evaluate((url) => fetch(url, { credentials: 'include' }).then((r) => r.text()), `${otherOrigin}/fetched`);
    expect(received.length).toBeGreaterThanOrEqual(2);
    for (const headers of received) expect(JSON.stringify(headers)).not.toContain(server.token);
    // and the lab worked without one: the page lives below the token prefix
    expect(labPath).toBe(`/${server.token}/`);
    expect(result).toEqual({ ok: true, socket: 'open', cookies: '' });
    expect(cookies).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('redirects stay on this origin (failure 11)', () => {
  function location(path: string): Promise<{ status: number; location: string | undefined }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers: { Host: `127.0.0.1:${server.port}` } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, location: res.headers.location });
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('no request target makes the server redirect to another host', async () => {
    const t = server.token;
    for (const path of [`/.//evil.com?token=${t}`, `//evil.com/?token=${t}`, `/\\evil.com?token=${t}`, `/%2F%2Fevil.com?token=${t}`, `/./\\/evil.com?token=${t}`, `/${t}`, `/${t}?x=//evil.com`]) {
      const answer = await location(path);
      if (answer.location === undefined) continue;
      expect(answer.status, path).toBe(303);
      // a path below our prefix: never //host, never a scheme
      expect(answer.location, path).toMatch(new RegExp(`^/${t}/(?![/\\\\])`));
      expect(new URL(answer.location, server.origin).origin, path).toBe(server.origin);
    }
    expect((await location(`/.//evil.com?token=${t}`)).location).toBe(`/${t}/evil.com`);
  });
});
