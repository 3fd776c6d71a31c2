/**
 * The transport-agnostic API router: validates each request against the contract, calls
 * the handler, checks the response, and turns every failure into a typed error. The
 * Electron IPC shell and the web server both sit on top of one of these; neither knows a
 * channel by name. Also the hub for events: services emit, transports listen.
 */

import { eventContract, invokeContract, type EventOf, type ParsedRequestOf, type ResponseOf } from '../../src-shared/api/contract';
import { eventNames, invokeNames, type EventName, type InvokeName } from '../../src-shared/api/channels';
import { validationError, type ApiError, type ApiErrorCode, type ApiIssue, type ApiResult } from '../../src-shared/api/result';

/** Who is calling; handlers use it where the transports differ (native dialogs). */
export interface CallContext {
  transport: 'ipc' | 'web';
}

export type Handler<C extends InvokeName> = (request: ParsedRequestOf<C>, context: CallContext) => Promise<ResponseOf<C>> | ResponseOf<C>;
export type Handlers = { [C in InvokeName]: Handler<C> };

/** A handler's way to answer with a typed error instead of a value. */
export class ApiFailure extends Error {
  readonly code: ApiErrorCode;
  readonly issues?: ApiIssue[];
  constructor(code: ApiErrorCode, message: string, issues?: ApiIssue[]) {
    super(message);
    this.name = 'ApiFailure';
    this.code = code;
    this.issues = issues;
  }
}

export type EventListener = <E extends EventName>(event: E, payload: EventOf<E>) => void;

export interface ApiRouter {
  /** Never throws: every outcome, including a malformed call, is an ApiResult. */
  invoke(channel: unknown, request: unknown, context: CallContext): Promise<ApiResult<unknown>>;
  /** Validates and delivers an event to every listener; an invalid payload is reported and dropped. */
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
  /** Listens to every event; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
}

export interface RouterOptions {
  /** Maps a service's own error types to API errors; return undefined for "not mine". */
  classifyError?: (error: unknown) => ApiError | undefined;
  /** Told about bugs: handler crashes, responses or events that break the contract. */
  onInternalError?: (where: string, error: unknown) => void;
}

const invokeSet = new Set<string>(invokeNames);
const eventSet = new Set<string>(eventNames);

export function createRouter(handlers: Handlers, options: RouterOptions = {}): ApiRouter {
  const listeners = new Set<EventListener>();
  const report = options.onInternalError ?? ((where, error) => console.error(`[api] ${where}:`, error));

  function failure(error: unknown, channel: string): ApiError {
    if (error instanceof ApiFailure) return { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) };
    const classified = options.classifyError?.(error);
    if (classified) return classified;
    report(`handler ${channel}`, error);
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'internal', message: `${channel} failed unexpectedly: ${message}` };
  }

  return {
    async invoke(channel, request, context) {
      if (typeof channel !== 'string' || !invokeSet.has(channel)) {
        const name = typeof channel === 'string' ? JSON.stringify(channel.slice(0, 100)) : typeof channel;
        return { ok: false, error: { code: 'unknown-channel', message: `No API channel named ${name}` } };
      }
      const name = channel as InvokeName;
      const spec = invokeContract[name];
      const parsed = spec.request.safeParse(request);
      if (!parsed.success) return { ok: false, error: validationError(`${name} request`, parsed.error) };
      let value: unknown;
      try {
        value = await (handlers[name] as (r: unknown, c: CallContext) => unknown)(parsed.data, context);
      } catch (error) {
        return { ok: false, error: failure(error, name) };
      }
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        report(`response of ${name}`, checked.error);
        return { ok: false, error: { code: 'internal', message: validationError(`${name} response`, checked.error).message } };
      }
      return { ok: true, value: checked.data };
    },

    emit(event, payload) {
      if (!eventSet.has(event)) {
        report('emit', new Error(`no event channel named ${event}`));
        return;
      }
      const checked = eventContract[event].safeParse(payload);
      if (!checked.success) {
        report(`event ${event}`, checked.error);
        return;
      }
      for (const listener of listeners) {
        try {
          listener(event, checked.data as EventOf<typeof event>);
        } catch (error) {
          report(`listener of ${event}`, error);
        }
      }
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
