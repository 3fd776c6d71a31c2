/**
 * Web mode's server: the built renderer and the contract over HTTP (invoke channels) and a
 * WebSocket (events), on 127.0.0.1 only, behind a random token made at each start.
 *
 * How a browser gets in: the printed URL is `http://127.0.0.1:PORT/<token>/`. Everything is
 * served below that random path prefix and the page addresses the API, its scripts and the
 * WebSocket relatively, so every request of the page carries the prefix. No cookie: a
 * cookie would go to every service on 127.0.0.1 (cookies ignore ports), and any of them
 * could replay it. Scripts and tools may send `Authorization: Bearer <token>` and use the
 * bare paths. An old-style `?token=…` URL is redirected into the prefix; redirects only
 * ever name a path below the prefix on this origin.
 *
 * What is refused: any request without the token (401); a Host header other than our
 * loopback address (DNS rebinding, 421); an Origin other than our own on the API (403) and
 * any WebSocket whose Origin is not our own (403); API calls that are not
 * `POST application/json` (405/415); bodies over 1 MiB (413).
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { httpInvokePrefix, wsEventsPath } from '../../src-shared/api/channels';
import type { ApiResult } from '../../src-shared/api/result';
import { contentSecurityPolicy, type ApiRouter } from '../api';
import { maxPredictTotalBytes } from '../../src-shared/api/model-schemas';
import { MAX_METRICS_FILE_BYTES } from '../../src-shared/export/pytorch/metrics';

export const loopbackHost = '127.0.0.1';
/** Request bodies are small JSON, except image uploads for prediction (base64 of up to maxPredictTotalBytes). */
const defaultMaxBodyBytes = 1 << 20;
const maxBodyBytesByChannel: Partial<Record<string, number>> = {
  predict: Math.ceil((maxPredictTotalBytes * 4) / 3) + (1 << 20),
  // the text of a metrics file, JSON-escaped: quotes double at most
  importRunMetrics: 2 * MAX_METRICS_FILE_BYTES + (1 << 20),
};
const maxBodyBytes = (channel: string) => maxBodyBytesByChannel[channel] ?? defaultMaxBodyBytes;

export interface WebServerOptions {
  router: ApiRouter;
  /** the built renderer (out/renderer); null serves the API only */
  staticDir: string | null;
  /** 0 (default) picks a free port */
  port?: number;
  /** fixed token for tests; default 32 random bytes */
  token?: string;
}

export interface WebServer {
  /** the URL to open, token included */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function sameSecret(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1] : undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: 'invalid-request' | 'forbidden' | 'unknown-channel', message: string): void {
  const body: ApiResult<never> = { ok: false, error: { code, message } };
  sendJson(res, status, body);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const staticRoot = options.staticDir && existsSync(options.staticDir) ? realpathSync(options.staticDir) : null;
  let port = 0;
  const allowedHosts = () => new Set([`${loopbackHost}:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://${loopbackHost}:${port}`, `http://localhost:${port}`]);

  const prefix = `/${token}`;

  /**
   * Who may come in, and the path they asked for below the token prefix: `prefixed` when
   * the path starts with /<token>/, `bearer` for the Authorization header (bare paths),
   * `query` for an old-style ?token= URL (redirected into the prefix); null otherwise.
   */
  function admission(req: IncomingMessage, url: URL): { via: 'prefixed' | 'bearer' | 'query'; path: string } | null {
    const firstSegment = url.pathname.slice(1).split('/')[0];
    if (sameSecret(firstSegment, token)) return { via: 'prefixed', path: url.pathname.slice(prefix.length) };
    if (sameSecret(bearer(req.headers.authorization), token)) return { via: 'bearer', path: url.pathname };
    if (sameSecret(url.searchParams.get('token') ?? undefined, token)) return { via: 'query', path: url.pathname };
    return null;
  }

  /** A Location below our prefix for `path`: leading slashes collapse, so `//evil.com` can never become another host. */
  function prefixedLocation(path: string, search: string): string {
    return `${prefix}/${path.replace(/^[/\\]+/, '')}${search}`;
  }

  function hostAllowed(req: IncomingMessage): boolean {
    return typeof req.headers.host === 'string' && allowedHosts().has(req.headers.host.toLowerCase());
  }

  async function handleInvoke(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return sendError(res, 403, 'forbidden', `Requests from ${origin} are not allowed`);
    if (req.headers['sec-fetch-site'] === 'cross-site') return sendError(res, 403, 'forbidden', 'Cross-site requests are not allowed');
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, 'invalid-request', `API calls use POST, not ${req.method}`);
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return sendError(res, 415, 'invalid-request', 'API calls must send Content-Type: application/json');
    const limit = maxBodyBytes(channel);
    const body = await readBody(req, limit);
    if (body === 'too-large') return sendError(res, 413, 'invalid-request', `Request body is larger than ${limit} bytes`);
    let request: unknown;
    try {
      request = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (error) {
      return sendError(res, 400, 'invalid-request', `Request body is not valid JSON: ${(error as Error).message}`);
    }
    let name: string;
    try {
      name = decodeURIComponent(channel);
    } catch {
      return sendError(res, 404, 'unknown-channel', 'Malformed channel name');
    }
    const result = await options.router.invoke(name, request, { transport: 'web' });
    // Typed errors are answers, not transport failures: 200 either way, except unknown channels.
    sendJson(res, result.ok || result.error.code !== 'unknown-channel' ? 200 : 404, result);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...securityHeaders, Allow: 'GET, HEAD' }).end();
      return;
    }
    if (!staticRoot) {
      res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' }).end('The renderer is not built: run `npm run build` first.\n');
      return;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      res.writeHead(400, securityHeaders).end();
      return;
    }
    if (relative.endsWith('/')) relative += 'index.html';
    const file = resolve(staticRoot, `.${relative}`);
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    // No escaping the renderer folder, by `..` or by a symlink.
    if ((real !== staticRoot && !real.startsWith(staticRoot + sep)) || relative.includes('\0') || !statSync(real).isFile()) {
      res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    const type = contentTypes[extname(real).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': type,
      'Content-Length': statSync(real).size,
      'Cache-Control': 'no-cache',
      ...(type.startsWith('text/html') ? { 'Content-Security-Policy': contentSecurityPolicy } : {}),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(real).pipe(res);
  }

  /** The request target as a URL; null for one no URL parser takes (`http://[`), which must not take the server down. */
  function requestUrl(req: IncomingMessage): URL | null {
    try {
      return new URL(req.url ?? '/', `http://${loopbackHost}:${port}`);
    } catch {
      return null;
    }
  }

  const server = createServer((req, res) => {
    const url = requestUrl(req);
    if (!url) {
      res.writeHead(400, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request target\n');
      return;
    }
    if (!hostAllowed(req)) {
      res.writeHead(421, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request: unknown Host\n');
      return;
    }
    const admitted = admission(req, url);
    if (!admitted) {
      res.writeHead(401, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Unauthorized: open the URL that `npm run web` printed (it carries the access token).\n');
      return;
    }
    // An old-style ?token= URL, or the bare prefix: move into the prefix (the token leaves the query).
    if ((admitted.via === 'query' && req.method === 'GET' && !admitted.path.startsWith('/api/')) || (admitted.via === 'prefixed' && admitted.path === '')) {
      url.searchParams.delete('token');
      res.writeHead(303, { ...securityHeaders, Location: prefixedLocation(admitted.path, url.search), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (admitted.path.startsWith(httpInvokePrefix)) {
      handleInvoke(req, res, admitted.path.slice(httpInvokePrefix.length)).catch((error: unknown) => {
        console.error('[web] invoke failed:', error);
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'The server failed to answer' } });
        else res.destroy();
      });
      return;
    }
    serveStatic(req, res, admitted.path);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const unsubscribe = options.router.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(message);
  });

  function refuseUpgrade(socket: Socket, status: number, reason: string): void {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = requestUrl(req);
    if (!url) return refuseUpgrade(socket, 400, 'Bad Request');
    if (!hostAllowed(req)) return refuseUpgrade(socket, 421, 'Misdirected Request');
    const admitted = admission(req, url);
    if (!admitted) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (admitted.path !== wsEventsPath) return refuseUpgrade(socket, 404, 'Not Found');
    const origin = req.headers.origin;
    if (origin === undefined || !allowedOrigins().has(origin)) return refuseUpgrade(socket, 403, 'Forbidden');
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      // Events flow one way; anything the page sends is ignored.
      ws.on('message', () => undefined);
      ws.on('error', () => ws.terminate());
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, loopbackHost, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${loopbackHost}:${port}`;

  return {
    url: `${origin}${prefix}/`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        unsubscribe();
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

/** Where `electron-vite build` puts the renderer, relative to the repository root. */
export function rendererDir(appRoot: string): string {
  return join(appRoot, 'out', 'renderer');
}
