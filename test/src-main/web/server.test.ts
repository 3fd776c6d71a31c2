/**
 * The web server's doors, tested with real sockets on 127.0.0.1 over a real lab: no token,
 * no entry; foreign origins and hosts are refused; only loopback listens; the renderer's
 * files are served with their security headers and nothing outside their folder is.
 */

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { contentSecurityPolicy } from '../../../src-main/api/csp';
import { startLab, type Lab } from '../../../src-main/api/lab';
import { startWebServer, type WebServer } from '../../../src-main/web/server';
import { appRoot, databaseSnapshot } from '../api/harness';

let folder: string;
let lab: Lab;
let server: WebServer;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'nl-web-'));
  const site = join(folder, 'site');
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>Neural Lab</title>');
  writeFileSync(join(site, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(folder, 'secret.txt'), 'not for the browser');
  symlinkSync(join(folder, 'secret.txt'), join(site, 'assets', 'link.txt'));
  lab = await startLab({ mode: 'web', appRoot, dbPath: join(folder, 'lab.db'), cacheDir: null, maxConcurrentRuns: 1 });
  server = await startWebServer({ router: lab.router, staticDir: site });
});
afterAll(async () => {
  await server?.close();
  await lab?.close();
  rmSync(folder, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request: fetch would not let us forge Host or send a path with `..` in it. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = () => ({ Authorization: `Bearer ${server.token}` });
const json = { 'Content-Type': 'application/json' };

/** The path prefix that admits a page (the printed URL's path). */
const prefixed = (path: string) => `/${server.token}${path}`;

function openSocket(headers: Record<string, string>, origin?: string, path = '/api/events'): Promise<{ opened: boolean; status?: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers, ...(origin ? { origin } : {}) });
    socket.on('open', () => resolve({ opened: true, socket }));
    socket.on('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode });
      socket.terminate();
    });
    socket.on('error', () => resolve({ opened: false }));
  });
}

describe('the access token', () => {
  it('is long, random per start, and in the printed URL', async () => {
    expect(server.token.length).toBeGreaterThanOrEqual(40);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/${server.token}/`);
    const other = await startWebServer({ router: lab.router, staticDir: null });
    try {
      expect(other.token).not.toBe(server.token);
      expect(other.port).not.toBe(server.port);
    } finally {
      await other.close();
    }
  });

  it('is required for pages, files and every API call (401)', async () => {
    const before = databaseSnapshot(lab.store.path);
    for (const [path, method] of [['/', 'GET'], ['/index.html', 'GET'], ['/assets/app.js', 'GET'], ['/api/invoke/getAppInfo', 'POST'], ['/api/invoke/createExperiment', 'POST']] as const) {
      const response = await raw(path, { method, headers: json, body: method === 'POST' ? '{"name":"sneaky"}' : undefined });
      expect(response.status, path).toBe(401);
      expect(response.body).not.toContain('Neural Lab</title>');
    }
    expect((await raw('/api/invoke/getAppInfo', { method: 'POST', headers: { ...json, Authorization: 'Bearer wrong-token' }, body: '{}' })).status).toBe(401);
    expect((await raw(`/?token=${server.token.slice(0, -1)}`)).status).toBe(401);
    expect((await raw('/nope/')).status).toBe(401);
    expect((await raw(`/${server.token.slice(0, -1)}/`)).status).toBe(401);
    // the old cookie no longer admits anyone: any service on 127.0.0.1 would have received it
    expect((await raw('/', { headers: { Cookie: `neural_lab_token=${server.token}` } })).status).toBe(401);
    expect(databaseSnapshot(lab.store.path)).toEqual(before);
  });

  it('in an old-style ?token= URL moves into the path prefix, and no cookie is ever set', async () => {
    const response = await raw(`/?token=${server.token}`);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(prefixed('/'));
    expect(response.headers['set-cookie']).toBeUndefined();
    expect((await raw(prefixed(''))).headers.location).toBe(prefixed('/'));
    const page = await raw(prefixed('/'));
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Neural Lab</title>');
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('is required for the events WebSocket', async () => {
    expect(await openSocket({}, server.origin)).toMatchObject({ opened: false, status: 401 });
    expect(await openSocket({ Authorization: 'Bearer wrong' }, server.origin)).toMatchObject({ opened: false, status: 401 });
    expect(await openSocket({ Cookie: `neural_lab_token=${server.token}` }, server.origin)).toMatchObject({ opened: false, status: 401 });
    const ok = await openSocket({}, server.origin, prefixed('/api/events'));
    expect(ok.opened).toBe(true);
    const message = new Promise<string>((resolve) => ok.socket!.once('message', (data) => resolve(String(data))));
    lab.router.emit('menuCommand', { command: 'show-runs' });
    expect(JSON.parse(await message)).toEqual({ event: 'menuCommand', payload: { command: 'show-runs' } });
    ok.socket!.close();
  });
});

describe('origins and hosts', () => {
  it('refuses API calls from a foreign origin or a cross-site fetch (403), and changes nothing', async () => {
    const before = databaseSnapshot(lab.store.path);
    for (const origin of ['http://evil.example', 'http://127.0.0.1:1', 'null']) {
      const response = await raw('/api/invoke/createExperiment', { method: 'POST', headers: { ...json, ...auth(), Origin: origin }, body: '{"name":"csrf"}' });
      expect(response.status, origin).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const crossSite = await raw('/api/invoke/createExperiment', { method: 'POST', headers: { ...json, ...auth(), 'Sec-Fetch-Site': 'cross-site' }, body: '{"name":"csrf"}' });
    expect(crossSite.status).toBe(403);
    expect(databaseSnapshot(lab.store.path)).toEqual(before);
    const own = await raw('/api/invoke/getAppInfo', { method: 'POST', headers: { ...json, ...auth(), Origin: server.origin }, body: '{}' });
    expect(own.status).toBe(200);
  });

  it('refuses WebSockets from foreign or missing origins (403)', async () => {
    const path = prefixed('/api/events');
    expect(await openSocket({}, 'http://evil.example', path)).toMatchObject({ opened: false, status: 403 });
    expect(await openSocket({}, `http://127.0.0.1:${server.port + 1}`, path)).toMatchObject({ opened: false, status: 403 });
    expect(await openSocket({}, undefined, path)).toMatchObject({ opened: false, status: 403 });
  });

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    const response = await raw('/api/invoke/getAppInfo', { method: 'POST', headers: { ...json, ...auth(), Host: `rebind.example:${server.port}` }, body: '{}' });
    expect(response.status).toBe(421);
    expect((await raw('/', { headers: { ...auth(), Host: `localhost:${server.port}` } })).status).toBe(200);
  });
});

describe('listening', () => {
  it('binds 127.0.0.1 only', async () => {
    const external = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === 'IPv4').map((i) => i!.address);
    for (const address of external) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: server.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect(refused, `reachable on ${address}`).toBe(true);
    }
    const loopback = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: server.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    expect(loopback).toBe(true);
  });

  it('takes a fixed port when asked', async () => {
    const probe = await startWebServer({ router: lab.router, staticDir: null });
    const port = probe.port;
    await probe.close();
    const fixed = await startWebServer({ router: lab.router, staticDir: null, port });
    try {
      expect(fixed.port).toBe(port);
      expect(fixed.origin).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await fixed.close();
    }
  });
});

describe('API requests', () => {
  it('must be JSON POSTs of at most 1 MiB (predict uploads excepted)', async () => {
    expect((await raw('/api/invoke/getAppInfo', { headers: auth() })).status).toBe(405);
    expect((await raw('/api/invoke/getAppInfo', { method: 'POST', headers: { ...auth(), 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
    const notJson = await raw('/api/invoke/createExperiment', { method: 'POST', headers: { ...json, ...auth() }, body: '{"name": ' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const big = await raw('/api/invoke/createExperiment', { method: 'POST', headers: { ...json, ...auth() }, body: JSON.stringify({ name: 'x'.repeat(2 << 20) }) });
    expect(big.status).toBe(413);
    // Image uploads for prediction may be larger: a 2 MiB predict body reaches the router.
    const upload = await raw('/api/invoke/predict', { method: 'POST', headers: { ...json, ...auth() }, body: JSON.stringify({ images: 'x'.repeat(2 << 20) }) });
    expect(upload.status).not.toBe(413);
  });

  it('answer unknown channels with 404 and a typed error', async () => {
    const response = await raw('/api/invoke/rm%20-rf', { method: 'POST', headers: { ...json, ...auth() }, body: '{}' });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });
});

describe('static files', () => {
  it('serves the renderer, and nothing outside its folder', async () => {
    const script = await raw(prefixed('/assets/app.js'));
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/assets/link.txt', '/assets/missing.js', '/index.html%00.js']) {
      const response = await raw(prefixed(path));
      // a `..` that climbs out of the token prefix is not admitted at all (401)
      expect([401, 404], path).toContain(response.status);
      expect(response.body).not.toContain('not for the browser');
    }
  });
});
