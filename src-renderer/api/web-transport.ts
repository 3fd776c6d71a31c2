/**
 * The web mode's transport: invoke channels over `POST /api/invoke/<name>` (JSON), events
 * over one WebSocket at /api/events that reconnects after a drop, both below the folder the
 * page was served from: the server serves everything below a secret path prefix
 * (`/<token>/`), so addressing the API relative to the page is what authenticates it.
 * Tools and tests pass `baseUrl` and `headers` instead. Never throws: a network failure is
 * an `unavailable` result.
 */

import { httpInvokePrefix, wsEventsPath } from '../../src-shared/api/channels';
import type { ApiTransport } from '../../src-shared/api/client';
import type { ApiResult } from '../../src-shared/api/result';

/** The few WebSocket members used here, satisfied by the browser's WebSocket and by `ws`. */
export interface WebSocketLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(): void;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface WebTransportOptions {
  /** http://127.0.0.1:PORT (with a bearer header) or http://127.0.0.1:PORT/<token>; default: the page's own folder */
  baseUrl?: string;
  /** extra headers, e.g. `Authorization: Bearer <token>` outside a browser */
  headers?: Record<string, string>;
  /** default: the browser's WebSocket */
  openSocket?: WebSocketFactory;
  /** first reconnect delay; doubles up to 5 s */
  reconnectMs?: number;
}

export function createWebTransport(options: WebTransportOptions = {}): ApiTransport & { close(): void } {
  const baseUrl = options.baseUrl ?? new URL('.', (globalThis as unknown as { location: { href: string } }).location.href).href.replace(/\/$/, '');
  const openSocket: WebSocketFactory =
    options.openSocket ?? ((url) => new (globalThis as unknown as { WebSocket: new (url: string) => WebSocketLike }).WebSocket(url));
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocketLike | null = null;
  let retryMs = options.reconnectMs ?? 250;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  function connect(): void {
    if (socket || closed) return;
    const ws = openSocket(baseUrl.replace(/^http/, 'ws') + wsEventsPath);
    socket = ws;
    ws.onmessage = (message) => {
      retryMs = options.reconnectMs ?? 250;
      let parsed: { event?: unknown; payload?: unknown };
      try {
        parsed = JSON.parse(String(message.data)) as typeof parsed;
      } catch {
        return;
      }
      if (typeof parsed.event !== 'string') return;
      for (const listener of listeners.get(parsed.event) ?? []) listener(parsed.payload);
    };
    ws.onerror = () => undefined;
    ws.onclose = () => {
      socket = null;
      const anyone = [...listeners.values()].some((set) => set.size > 0);
      if (closed || !anyone) return;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        connect();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  }

  return {
    kind: 'web',
    async invoke(channel, request): Promise<ApiResult<unknown>> {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${httpInvokePrefix}${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...options.headers },
          body: JSON.stringify(request),
          credentials: 'same-origin',
        });
      } catch (error) {
        const cause = (error as { cause?: { message?: string } }).cause?.message;
        return { ok: false, error: { code: 'unavailable', message: `Neural Lab's server cannot be reached: ${(error as Error).message}${cause ? ` (${cause})` : ''}` } };
      }
      try {
        const body = (await response.json()) as ApiResult<unknown>;
        if (body && typeof body === 'object' && typeof body.ok === 'boolean') return body;
      } catch {
        // not JSON: described below by the status
      }
      const reason = response.status === 401 ? 'the access token is missing or wrong; open the URL that `npm run web` printed' : `HTTP ${response.status}`;
      return { ok: false, error: { code: response.status === 401 ? 'forbidden' : 'unavailable', message: `Neural Lab's server refused the call: ${reason}` } };
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      connect();
      return () => {
        set.delete(listener);
      };
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close();
      socket = null;
    },
  };
}
