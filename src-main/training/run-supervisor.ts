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
import type { DatabaseThread } from './database-thread';
import { ProgressThrottle } from './progress-throttle';
import type { PaceMessage, RunPace } from '../../src-shared/training/pace';
import { initialRunState, nextRunState, type RunEvent, type RunState, type StopRequest } from './run-state';

/** Worker settings that are the same for every run of a service. */
export type WorkerSettings = Pick<RunWorkerInput, 'checkpointEvery' | 'checkpointMinIntervalMs' | 'progressIntervalMs' | 'maxStepRowsPerSecond'>;

/** What a supervisor needs from its service. */
export interface SupervisorContext {
  store: LabStore;
  /** where the run's records are written, in the order they are sent (waiting out another process' lock there) */
  database: DatabaseThread;
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
 * Its state is one RunState, changed only through nextRunState. Records go to the database
 * thread and are awaited there, so main's event loop never holds a write: a checkpoint is
 * acknowledged to the worker, and progress announced, once it is stored; the end is
 * announced, and the slot freed, once it is stored.
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
  private readonly progress: ProgressThrottle;
  /** the run's end, being recorded (set once, by `end`): what comes after it is ignored, the slot waits for it */
  private ending: Promise<void> | null = null;

  constructor(readonly runId: number, private readonly context: SupervisorContext, progressIntervalMs: number) {
    this.exited = new Promise((resolve) => (this.markExited = resolve));
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
    // The worker's messages all arrive before its exit; their records are already on their way.
    worker.on('exit', (code) => this.workerExited(code));
  }

  /** Gone without a final message: terminated (after a stop request that went unanswered), killed or out of memory. */
  private workerExited(code: number): void {
    const state = this.state;
    if (state.phase === 'stopping' && state.request === 'cancel') this.end('cancelled', null);
    else if (state.phase === 'stopping') this.end('interrupted', 'the worker did not pause in time; resume continues from the last checkpoint');
    else this.end('failed', `the training worker stopped unexpectedly (exit code ${code}) before finishing`);
    this.exit();
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
    if (this.ending) return;
    const parsed = workerMessageSchema.safeParse(raw);
    if (!parsed.success || parsed.data.runId !== this.runId) {
      const why = parsed.success ? `it is about run ${parsed.data.runId}` : parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
      this.end('failed', `the training worker sent an invalid message (${why})`);
      void this.worker?.terminate();
      return;
    }
    const message = parsed.data;
    this.heardFromWorker = true;
    if (isFinalMessage(message)) {
      this.end(message.type, message.type === 'failed' ? message.error : null, message);
      return;
    }
    this.context.database.request({ kind: 'record', runId: this.runId, message }).then(
      () => {
        if (message.type === 'progress') this.progress.push(message);
        // The worker sends its next checkpoint only after this: main never falls behind a fast run.
        else if (message.type === 'checkpoint') this.worker?.postMessage({ type: 'checkpoint-stored', step: message.step } satisfies MainToWorkerMessage);
      },
      (error: unknown) => {
        if (this.ending) return;
        this.end('failed', diskWriteProblem(error, this.context.store.path, this.runId) ?? `could not record progress: ${(error as Error).message}`);
        void this.worker?.terminate();
      },
    );
  }

  /**
   * Records the run's end once (the worker's final message, or `status` when the worker
   * could not send one), then emits its last progress, its status and `finished`.
   */
  private end(status: RunFinishedEvent['status'], error: string | null, message?: FinalWorkerMessage): void {
    if (this.ending) return;
    this.clearStopTimer();
    this.ending = this.recordEnd(status, error, message);
  }

  private async recordEnd(status: RunFinishedEvent['status'], error: string | null, message?: FinalWorkerMessage): Promise<void> {
    const { store, database } = this.context;
    const { runId } = this;
    try {
      await (message ? database.request({ kind: 'record', runId, message }) : database.request({ kind: 'finish', runId, end: { status, error } }));
      error = store.requireRun(runId).error;
    } catch (recordError) {
      status = 'failed';
      error = diskWriteProblem(recordError, store.path, runId) ?? `could not record the end of the run: ${(recordError as Error).message}`;
      try {
        await database.request({ kind: 'finish', runId, end: { status: 'failed', error } });
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

  /** Frees the slot once the worker is gone (or was never started) and the run's end is recorded. */
  private exit(): void {
    if (this.state.phase === 'exited') return;
    if (this.ending && !this.hasEnded) {
      const exitAfterEnd = () => this.exit();
      void this.ending.then(exitAfterEnd, exitAfterEnd);
      return;
    }
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
