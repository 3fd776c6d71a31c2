import type { Worker } from 'node:worker_threads';
import {
  isFinalMessage,
  workerMessageSchema,
  type ControlMessage,
  type MainToWorkerMessage,
  type FinalWorkerMessage,
  type RunFinishedEvent,
  type RunWorkerInput,
  type TrainingEvents,
  type WorkerData,
} from '../../src-shared/training/messages';
import type { RunRecord } from '../../src-shared/training/records';
import { diskWriteProblem, StoreError, type LabStore } from '../store';
import { ProgressThrottle } from './progress-throttle';
import { RunRecorder } from './recorder';
import type { PaceMessage, RunPace } from '../../src-shared/training/pace';
import { initialRunState, nextRunState, type RunEvent, type RunState, type StopRequest } from './run-state';

/** Worker settings that are the same for every run of a service. */
export type WorkerSettings = Pick<RunWorkerInput, 'checkpointEvery' | 'checkpointMinIntervalMs' | 'progressIntervalMs' | 'maxStepRowsPerSecond'>;

/** How long a run waits for another writer's lock before its records count as failed. */
const lockPatienceMs = 120_000;
const lockRetryFirstMs = 100;
const lockRetryMaxMs = 2_000;

type WorkerMessage = ReturnType<typeof workerMessageSchema.parse>;
type Backlogged = { message: WorkerMessage } | { end: { status: RunFinishedEvent['status']; error: string | null } };

/** What a supervisor needs from its service. */
export interface SupervisorContext {
  store: LabStore;
  settings: WorkerSettings;
  stopTimeoutMs: number;
  /** what the run's worker trains on, and how to give it back once the worker is gone */
  workerData(run: RunRecord): { data: Promise<WorkerData>; release: () => void };
  startWorker(input: RunWorkerInput): Worker;
  emit<K extends keyof TrainingEvents>(name: K, event: TrainingEvents[K]): void;
  /** a failure the store could not write (full disk): recorded before the run resumes */
  unrecordedFailure(runId: number, error: string): void;
  /** the worker is gone and the slot free; `thenResume`: queue the run again */
  exited(supervisor: RunSupervisor, thenResume: boolean): void;
  /** how fast the run should train when its worker starts (as last set; default real time) */
  paceOf(runId: number): RunPace;
}

/**
 * One run in its worker thread: starts the worker once the data is loaded, passes pause
 * and cancel on (terminating a worker that does not answer within stopTimeoutMs), records
 * what the worker reports, and records the run's end exactly once, whatever way it ends.
 * Its state is one RunState, changed only through nextRunState.
 */
export class RunSupervisor {
  /** resolves once the worker has exited and the slot is free */
  readonly exited: Promise<void>;
  private state: RunState = initialRunState;
  private worker: Worker | null = null;
  /** the worker has posted something: it is training and answers control messages */
  private heardFromWorker = false;
  private stopTimer: NodeJS.Timeout | null = null;
  private releaseData: (() => void) | null = null;
  /** pace and step requests made while the data was loading, sent once the worker runs */
  private pendingPace: PaceMessage[] = [];
  private markExited!: () => void;
  private readonly recorder: RunRecorder;
  private readonly progress: ProgressThrottle;
  /**
   * Work waiting for a database another writer holds locked (past busy_timeout): worker
   * messages in arrival order, or an end to record. Retried with backoff, so a lock held
   * for a while delays the records instead of failing the run or leaving it 'running'.
   */
  private readonly backlog: Backlogged[] = [];
  private backlogTimer: NodeJS.Timeout | null = null;
  private lockedSince = 0;
  private afterBacklog: (() => void) | null = null;

  constructor(readonly runId: number, private readonly context: SupervisorContext, progressIntervalMs: number) {
    this.exited = new Promise((resolve) => (this.markExited = resolve));
    this.recorder = new RunRecorder(context.store, runId);
    this.progress = new ProgressThrottle(runId, progressIntervalMs, (event) => context.emit('progress', event));
  }

  get phase(): RunState['phase'] {
    return this.state.phase;
  }

  /** Its end is recorded (the worker may still be exiting). */
  get hasEnded(): boolean {
    return this.state.phase === 'ended' || this.state.phase === 'exited';
  }

  /** The end already announced, unless the run is to be queued again right after it. */
  get announcedEnd(): RunFinishedEvent | null {
    return (this.state.phase === 'ended' || this.state.phase === 'exited') && !this.state.thenResume ? this.state.finished : null;
  }

  start(): void {
    void this.launch().catch((error: unknown) => {
      this.end('failed', `could not start training: ${(error as Error).message}`);
      this.exit();
    });
  }

  pause(): void {
    this.apply({ type: 'pause' });
  }

  cancel(): void {
    this.apply({ type: 'cancel' });
  }

  /** Queues the run again once its worker has gone; a StoreError if it is not stopping to be resumed. */
  resume(): void {
    this.apply({ type: 'resume' });
  }

  /** True while Step can move the run on: its worker is (or is about to be) training. */
  get canStep(): boolean {
    return this.state.phase === 'training' || (this.state.phase === 'loading' && this.state.request === null);
  }

  /** A new pace or a Step, to the worker now or as soon as it has started. */
  pace(message: PaceMessage): void {
    if (!this.canStep) return;
    if (this.worker) this.worker.postMessage(message);
    else this.pendingPace.push(message);
  }

  private apply(event: RunEvent): RunState {
    const before = this.state;
    const next = nextRunState(before, event);
    if ('refused' in next) throw new StoreError(`run ${this.runId} ${next.refused}`);
    this.state = next;
    if (next.phase === 'stopping' && (before.phase !== 'stopping' || before.request !== next.request)) this.sendStop(next.request);
    return next;
  }

  private async launch(): Promise<void> {
    const run = this.context.store.requireRun(this.runId);
    const { data, release } = this.context.workerData(run);
    this.releaseData = release;
    const workerData = await data;
    // Paused or cancelled while the data was loading: end without ever training.
    if (this.state.phase === 'loading' && this.state.request !== null) {
      this.end(this.state.request === 'cancel' ? 'cancelled' : 'paused', null);
      return this.exit();
    }
    const worker = this.context.startWorker({
      runId: run.id,
      config: run.config,
      data: workerData,
      state: this.context.store.latestCheckpoint(run.id)?.state ?? null,
      course: this.context.store.replays.course(run.id),
      ...this.context.settings,
      pace: this.context.paceOf(run.id),
    });
    this.worker = worker;
    for (const message of this.pendingPace.splice(0)) worker.postMessage(message);
    this.apply({ type: 'spawned' });
    worker.on('message', (message: unknown) => this.onMessage(message));
    worker.on('error', (error: Error) => this.end('failed', `the training worker crashed: ${error.message}`));
    worker.on('exit', (code) => {
      // Records still waiting for a locked database come first: they may hold the final message.
      if (this.backlog.length > 0) {
        this.afterBacklog = () => this.workerExited(code);
        return;
      }
      this.workerExited(code);
    });
  }

  /** Gone without a final message: terminated (after a stop request that went unanswered), killed or out of memory. */
  private workerExited(code: number): void {
    const state = this.state;
    if (state.phase === 'stopping' && state.request === 'cancel') this.end('cancelled', null);
    else if (state.phase === 'stopping') this.end('interrupted', 'the worker did not pause in time; resume continues from the last checkpoint');
    else this.end('failed', `the training worker stopped unexpectedly (exit code ${code}) before finishing`);
    // an end still waiting for the lock frees the slot once it is recorded
    if (this.backlog.length > 0) this.afterBacklog = () => this.exit();
    else this.exit();
  }

  private sendStop(request: StopRequest): void {
    if (!this.worker) return; // still loading: launch checks the request
    if (!this.heardFromWorker) {
      // Still starting up (loading its modules and kernels can take a second on busy cores):
      // it has trained nothing main recorded, so the run stops where its last checkpoint left
      // it, at once, instead of when the worker is ready to listen.
      this.end(request === 'cancel' ? 'cancelled' : 'paused', null);
      void this.worker.terminate();
      return;
    }
    this.worker.postMessage({ type: request } satisfies ControlMessage);
    this.clearStopTimer();
    this.stopTimer = setTimeout(() => void this.worker?.terminate(), this.context.stopTimeoutMs);
  }

  private onMessage(raw: unknown): void {
    if (this.hasEnded) return;
    const parsed = workerMessageSchema.safeParse(raw);
    if (!parsed.success || parsed.data.runId !== this.runId) {
      const why = parsed.success ? `it is about run ${parsed.data.runId}` : parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
      this.end('failed', `the training worker sent an invalid message (${why})`);
      void this.worker?.terminate();
      return;
    }
    const message = parsed.data;
    this.heardFromWorker = true;
    if (this.backlog.length > 0) {
      this.backlog.push({ message });
      return;
    }
    this.handle(message);
  }

  private handle(message: WorkerMessage): void {
    if (isFinalMessage(message)) {
      this.end(message.type, message.type === 'failed' ? message.error : null, message);
      return;
    }
    try {
      this.recorder.record(message);
    } catch (error) {
      if (this.retryWhenLocked(error, { message })) return;
      this.end('failed', diskWriteProblem(error, this.context.store.path, this.runId) ?? `could not record progress: ${(error as Error).message}`);
      void this.worker?.terminate();
      return;
    }
    if (message.type === 'progress') this.progress.push(message);
    // The worker sends its next checkpoint only after this: main never falls behind a fast run.
    else if (message.type === 'checkpoint') this.worker?.postMessage({ type: 'checkpoint-stored', step: message.step } satisfies MainToWorkerMessage);
  }

  /**
   * Records the run's end once (the worker's final message, or `status` when the worker
   * could not send one), then emits its last progress, its status and `finished`.
   */
  private end(status: RunFinishedEvent['status'], error: string | null, message?: FinalWorkerMessage): void {
    if (this.hasEnded) return;
    this.clearStopTimer();
    const { store } = this.context;
    const { runId } = this;
    try {
      if (message) this.recorder.record(message);
      else store.finishRun(runId, status, { error });
      error = store.requireRun(runId).error;
    } catch (recordError) {
      if (this.retryWhenLocked(recordError, message ? { message } : { end: { status, error } })) return;
      status = 'failed';
      error = diskWriteProblem(recordError, store.path, runId) ?? `could not record the end of the run: ${(recordError as Error).message}`;
      try {
        store.finishRun(runId, 'failed', { error });
      } catch {
        // The database itself is failing (a full disk): the event below still tells the UI, and resume records it first.
        this.context.unrecordedFailure(runId, error);
      }
    }
    const finished: RunFinishedEvent = { runId, status, error };
    this.apply({ type: 'ended', finished });
    this.progress.flush();
    this.context.emit('status', { runId, status, error });
    this.context.emit('finished', finished);
  }

  /**
   * Keeps `item` for a retry if `error` is another writer's lock (SQLITE_BUSY) and the lock
   * has not lasted past lockPatienceMs; false otherwise (the caller reports the error).
   */
  private retryWhenLocked(error: unknown, item: Backlogged): boolean {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !/^SQLITE_(BUSY|LOCKED)/.test(code)) return false;
    const now = Date.now();
    if (this.lockedSince === 0) this.lockedSince = now;
    if (now - this.lockedSince > lockPatienceMs) return false;
    this.backlog.unshift(item);
    const attempt = Math.round(Math.log2(Math.max(1, (now - this.lockedSince) / lockRetryFirstMs)));
    this.backlogTimer ??= setTimeout(() => this.drainBacklog(), Math.min(lockRetryMaxMs, lockRetryFirstMs * 2 ** attempt));
    return true;
  }

  /** Records what waited for the lock, in order; stops at the first item still locked out. */
  private drainBacklog(): void {
    this.backlogTimer = null;
    while (this.backlog.length > 0 && this.backlogTimer === null) {
      const item = this.backlog.shift()!;
      if ('message' in item) {
        if (this.hasEnded) continue;
        this.handle(item.message);
      } else {
        this.end(item.end.status, item.end.error);
      }
    }
    if (this.backlog.length > 0) return;
    this.lockedSince = 0;
    const next = this.afterBacklog;
    this.afterBacklog = null;
    next?.();
  }

  /** Frees the slot once the worker is gone (or was never started). */
  private exit(): void {
    if (this.state.phase === 'exited') return;
    const exited = this.apply({ type: 'exited' });
    this.clearStopTimer();
    this.progress.dispose();
    this.releaseData?.();
    this.markExited();
    this.context.exited(this, exited.phase === 'exited' && exited.thenResume);
  }

  private clearStopTimer(): void {
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.stopTimer = null;
  }
}
