import type { Worker } from 'node:worker_threads';
import { isFinalMessage, type WorkerMessage } from '../../src-shared/training/messages';
import type { MetricSeries, MetricSplit, RunStatus } from '../../src-shared/training/records';
import { StoreError, type LabStore } from '../store';
import { RunRecorder } from './recorder';

/** A run's end recorded without a final worker message (crash, stop before training, a failure standing in). */
export type RecordedEnd = { status: Exclude<RunStatus, 'queued' | 'running'>; error: string | null };

/** One metric of a run, by split and name. */
export type SeriesKey = { split: MetricSplit; name: string };

/**
 * What main asks of a database thread. Every request is answered exactly once, in the
 * order sent (one thread works through them one at a time), with its result or its error.
 */
export type DatabaseRequest =
  /** one worker message of a run into rows (RunRecorder), its big states included */
  | { kind: 'record'; runId: number; message: WorkerMessage }
  /** the run's end when no final message carries it */
  | { kind: 'finish'; runId: number; end: RecordedEnd }
  /** chart series of a run (each ≤ maxPoints), only those it has; all of them when `wanted` is null */
  | { kind: 'series'; runId: number; wanted: SeriesKey[] | null; maxPoints: number }
  /** the connection's count of commits by other connections (PRAGMA data_version) */
  | { kind: 'version' };

/** The result of each kind of request. */
export interface DatabaseResults {
  record: null;
  finish: null;
  series: MetricSeries[];
  version: number;
}

/** An error as it crosses threads: enough to rebuild it (its SQLite code decides retries and disk messages). */
export interface CarriedError {
  name: string;
  message: string;
  code: string | null;
}

export type DatabaseReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: CarriedError };

/** What the thread's entry receives as workerData. */
export interface DatabaseThreadInput {
  role: 'database';
  file: string;
  nativeBinding: string | null;
  /** how long a write waits, retrying with backoff, for another process' lock before its error is returned */
  lockPatienceMs: number;
}

export function carryError(error: unknown): CarriedError {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (error as { code?: unknown } | null)?.code;
  return { name: e.name, message: e.message, code: typeof code === 'string' ? code : null };
}

export function isLocked(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

/** The error on this side: a StoreError stays one (callers word it as a conflict), a SQLite code stays attached. */
function rebuiltError(carried: CarriedError): Error {
  const error = carried.name === 'StoreError' ? new StoreError(carried.message) : new Error(carried.message);
  if (carried.code !== null) Object.assign(error, { code: carried.code });
  return error;
}

/**
 * While the thread starts, main carries out records up to this size: a toy run's states are
 * kilobytes, but a 1.7 M-parameter one's 23 MB would hold main's event loop for 0.2–0.6 s.
 */
const MAIN_WRITE_LIMIT_BYTES = 1 << 20;

/** Trainer states and snapshots are fresh buffers from the training worker: handed on, not copied. */
function transferablesOf(request: DatabaseRequest): ArrayBuffer[] {
  if (request.kind !== 'record' || !('state' in request.message)) return [];
  const { state, snapshot } = request.message;
  return [state.buffer as ArrayBuffer, snapshot.buffer as ArrayBuffer].filter((b, i, all) => b.byteLength > 0 && all.indexOf(b) === i);
}

/**
 * Carries out requests on one connection: the thread's (database-worker.ts), or main's
 * own while the thread is starting. `write` wraps each write (the thread retries there
 * while another process holds the lock).
 */
export class DatabaseRequests {
  /** one recorder per run being recorded: it remembers when the run last kept a full state */
  private readonly recorders = new Map<number, RunRecorder>();

  constructor(
    private readonly store: LabStore,
    private readonly write: <T>(fn: () => T) => T = (fn) => fn(),
  ) {}

  execute<K extends DatabaseRequest['kind']>(request: Extract<DatabaseRequest, { kind: K }>): DatabaseResults[K];
  execute(request: DatabaseRequest): DatabaseResults[DatabaseRequest['kind']] {
    const { store } = this;
    switch (request.kind) {
      case 'record': {
        const { runId, message } = request;
        let recorder = this.recorders.get(runId);
        if (!recorder) this.recorders.set(runId, (recorder = new RunRecorder(store, runId)));
        this.write(() => recorder.record(message));
        if (isFinalMessage(message)) this.recorders.delete(runId);
        return null;
      }
      case 'finish':
        this.recorders.delete(request.runId);
        this.write(() => store.finishRun(request.runId, request.end.status, { error: request.end.error }));
        return null;
      case 'series': {
        // Listing every series counts all the run's rows: only when none are named.
        const wanted = request.wanted?.filter((w) => store.metrics.has(request.runId, w.split, w.name)) ?? store.metricNames(request.runId);
        return wanted.map((w) => store.metricSeries(request.runId, w.split, w.name, request.maxPoints));
      }
      case 'version':
        return store.externalVersion();
    }
  }
}

/**
 * A database connection on a thread of its own, for the work that would hold main's event
 * loop: a run's records (a 1.7 M-parameter model's checkpoint is a 20 MB state and a
 * 3.4 MB snapshot; writing them takes 0.2–0.6 s on a busy machine) and chart series over
 * millions of rows. Main sends typed requests and awaits their answers, in order.
 *
 * The thread starts on `warm` or the first request and is restarted after a crash (the
 * requests it held fail with the reason); one that cannot start leaves the work to main. Until it has opened its connection (a second or
 * more on a busy machine, while a run's first records arrive) requests are carried out on
 * main's connection instead, so they never wait for it: one connection writes at a time,
 * and every request sent before another is answered before it. Idle, it does not keep
 * the process alive.
 */
export class DatabaseThread {
  private worker: Worker | null = null;
  /** the worker has opened its connection: requests go to it */
  private ready = false;
  /** a thread ended before it was ready (it cannot load here): main keeps the requests */
  private cannotStart = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly onMain: DatabaseRequests;
  /**
   * Requests waiting for the thread to be ready, in order: from the first one main does not
   * carry out (it met a lock, which main never waits for; a large state; a chart read) on.
   */
  private forThread: { request: DatabaseRequest; resolve: (value: unknown) => void; reject: (error: Error) => void }[] = [];

  /**
   * `onMainWhileStarting`: main carries out requests until the thread is ready (records: a
   * run's first ones are small, and a pause must not wait for the thread's start), except
   * states over MAIN_WRITE_LIMIT_BYTES; otherwise
   * they wait for it (chart reads: one may scan a million rows), unless it cannot start.
   */
  constructor(
    private readonly store: LabStore,
    private readonly start: (input: DatabaseThreadInput) => Worker,
    private readonly input: DatabaseThreadInput,
    private readonly onMainWhileStarting = true,
  ) {
    this.onMain = new DatabaseRequests(store);
  }

  request<K extends DatabaseRequest['kind']>(request: Extract<DatabaseRequest, { kind: K }>): Promise<DatabaseResults[K]> {
    if (!this.worker && !this.cannotStart) this.spawn();
    if (this.worker && this.ready) return this.post(this.worker, request);
    return new Promise<DatabaseResults[K]>((resolve, reject) => {
      const waiting = { request, resolve: resolve as (value: unknown) => void, reject };
      const heavy = transferablesOf(request).reduce((bytes, b) => bytes + b.byteLength, 0) > MAIN_WRITE_LIMIT_BYTES;
      if (this.forThread.length > 0 || (this.worker && (!this.onMainWhileStarting || heavy))) return void this.forThread.push(waiting);
      try {
        resolve(this.store.withoutWaiting(() => this.onMain.execute<K>(request)));
      } catch (error) {
        // Another process holds the lock: the thread, once ready, waits it out with this and what follows.
        if (isLocked(error) && this.worker) this.forThread.push(waiting);
        else reject(error as Error);
      }
    });
  }

  private post<K extends DatabaseRequest['kind']>(worker: Worker, request: Extract<DatabaseRequest, { kind: K }> | DatabaseRequest): Promise<DatabaseResults[K]> {
    const id = this.nextId++;
    return new Promise<DatabaseResults[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, request }, transferablesOf(request));
    });
  }

  /**
   * PRAGMA data_version of the thread's own connection (it moves when main or another
   * process commits), or null while no thread has its connection open.
   */
  version(): Promise<number | null> {
    return this.worker && this.ready ? this.request({ kind: 'version' }) : Promise.resolve(null);
  }

  /** Starts the thread now if it is not running, so that requests soon go to it. */
  warm(): void {
    if (!this.worker && !this.cannotStart) this.spawn();
  }

  /** Closes the thread's connection and ends it, after the requests already sent are answered. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.ready = false;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  private spawn(): Worker {
    const worker = this.start(this.input);
    this.worker = worker;
    this.ready = false;
    worker.unref();
    let opened = false;
    worker.on('message', (reply: DatabaseReply | 'ready') => {
      if (reply === 'ready') {
        opened = true;
        if (this.worker !== worker) return;
        this.ready = true;
        for (const waiting of this.forThread.splice(0)) this.post(worker, waiting.request).then(waiting.resolve, waiting.reject);
        return;
      }
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(rebuiltError(reply.error));
    });
    const failAll = (why: string) => {
      if (this.worker === worker) {
        this.worker = null;
        this.ready = false;
        if (!opened) this.cannotStart = true;
      }
      const waiting = [...this.pending.values(), ...(this.worker === null ? this.forThread.splice(0) : [])];
      this.pending.clear();
      for (const w of waiting) w.reject(new StoreError(`the database thread stopped (${why}) before answering`));
    };
    worker.on('error', (error) => failAll(error.message));
    worker.on('exit', (code) => failAll(`exit code ${code}`));
    return worker;
  }
}
