/**
 * Raw garbage at the web server, below what fetch lets through: hand-written HTTP over a
 * TCP socket (odd methods, request targets a URL parser chokes on, absolute-form and
 * authority-form targets, header injection, broken bodies, huge and deeply nested JSON,
 * wrong content types, missing or wrong tokens) and random frames on the events
 * WebSocket. Every request must get a status below 500 (or, for malformed HTTP, a 400 or
 * a closed socket) within the bound, and the server must still answer afterwards.
 */

import { connect } from 'node:net';
import WebSocket from 'ws';
import { Rng } from '../../../src-shared/random';
import type { WebServer } from '../../../src-main/web/server';
import { hostileStrings } from './payloads';

export interface RawFuzzStats {
  tried: number;
  statuses: Record<string, number>;
  socketFrames: number;
  failures: string[];
}

/** Sends `request` as bytes; resolves with the status code of the answer, 'closed' if the server hung up, or 'timeout'. */
function rawRequest(port: number, request: Buffer, timeoutMs: number): Promise<number | 'closed' | 'timeout'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = (outcome: number | 'closed' | 'timeout') => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    socket.on('connect', () => socket.end(request));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
      if (match) done(Number(match[1]));
    });
    socket.on('error', () => done('closed'));
    socket.on('close', () => done('closed'));
  });
}

export async function fuzzWebServerRaw(server: WebServer, options: { cases: number; seed: number; timeoutMs?: number }): Promise<RawFuzzStats> {
  const rng = new Rng(options.seed);
  const bound = options.timeoutMs ?? 10_000;
  const host = `127.0.0.1:${server.port}`;
  const stats: RawFuzzStats = { tried: 0, statuses: {}, socketFrames: 0, failures: [] };
  const pick = <T>(items: readonly T[]): T => items[rng.int(items.length)];

  const targets = [
    '/api/invoke/getAppInfo', '/api/invoke/listRuns', '/api/invoke/', '/api/invoke/%', '/api/invoke/%E0%A4%A', '/api/invoke/..%2f..%2fetc%2fpasswd',
    '/', '/index.html', '/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/%00', '/api/events', '*', 'http://[', 'http://evil.example/api/invoke/getAppInfo',
    `http://${host}/api/invoke/getAppInfo`, '//evil.example/', 'evil.example:80', '/?token=', `/api/invoke/getAppInfo?token=${server.token}`, '/\u0000', '/a b',
  ];
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'CONNECT', 'TRACE', 'PATCH', 'FOO', 'G\u0000T', ''];
  const bodies = (): Buffer => {
    switch (rng.int(9)) {
      case 0: return Buffer.alloc(0);
      case 1: return Buffer.from('{');
      case 2: return Buffer.from(JSON.stringify({ x: pick(hostileStrings) }));
      case 3: return Buffer.from('['.repeat(100_000) + ']'.repeat(100_000));
      case 4: return Buffer.alloc(2 * 1024 * 1024, 0x20);
      case 5: return Buffer.from(Array.from({ length: 64 }, () => rng.int(256)));
      case 6: return Buffer.from('{"__proto__": {"polluted": true}}');
      case 7: return Buffer.from('\uffff\ud800"'.repeat(20), 'utf8');
      default: return Buffer.from('null');
    }
  };

  for (let i = 0; i < options.cases; i++) {
    const method = pick(methods);
    const target = pick(targets);
    const body = bodies();
    const headers: string[] = [];
    if (rng.int(4) !== 0) headers.push(`Host: ${rng.int(6) === 0 ? pick(['evil.example', '', `localhost:${server.port}`, `127.0.0.1:${server.port}\r\nX-Injected: 1`]) : host}`);
    const auth = rng.int(5);
    if (auth <= 2) headers.push(`Authorization: Bearer ${server.token}`);
    else if (auth === 3) headers.push(`Authorization: Bearer ${server.token.slice(1)}x`);
    if (rng.int(2) === 0) headers.push(`Content-Type: ${pick(['application/json', 'text/plain', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', ''])}`);
    if (rng.int(4) === 0) headers.push(`Origin: ${pick(['http://evil.example', 'null', `http://${host}`, 'file://'])}`);
    if (rng.int(6) === 0) headers.push('Transfer-Encoding: chunked');
    if (rng.int(6) === 0) headers.push(`Content-Length: ${pick([-1, 0, 999_999_999, body.length + 10])}`);
    else headers.push(`Content-Length: ${body.length}`);
    if (rng.int(8) === 0) headers.push(`Cookie: neural_lab_token=${pick([server.token, '', 'x'.repeat(10_000)])}`);
    const head = `${method} ${target} HTTP/1.1\r\n${headers.join('\r\n')}\r\nConnection: close\r\n\r\n`;
    const outcome = await rawRequest(server.port, Buffer.concat([Buffer.from(head, 'latin1'), body]), bound);
    stats.tried++;
    stats.statuses[String(outcome)] = (stats.statuses[String(outcome)] ?? 0) + 1;
    if (outcome === 'timeout') stats.failures.push(`${JSON.stringify(head.slice(0, 200))}: no answer within ${bound} ms`);
    else if (typeof outcome === 'number' && outcome >= 500) stats.failures.push(`${JSON.stringify(head.slice(0, 200))}: status ${outcome}`);
  }

  // random frames on the events socket: ignored, never fatal
  const socket = new WebSocket(`ws://${host}/api/events`, { headers: { Authorization: `Bearer ${server.token}` }, origin: `http://${host}` });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  for (let i = 0; i < 200; i++) {
    const frame = rng.int(2) === 0 ? Buffer.from(Array.from({ length: rng.int(8000) }, () => rng.int(256))) : JSON.stringify({ channel: 'deleteRun', request: { id: 1 }, junk: pick(hostileStrings) });
    if (socket.readyState !== WebSocket.OPEN) break;
    socket.send(frame);
    stats.socketFrames++;
  }
  socket.terminate();
  return stats;
}
