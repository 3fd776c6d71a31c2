import type { Kernels } from '../../src-shared/engine/kernels';
import type { RunWorkerInput, WorkerMessage } from '../../src-shared/training/messages';
import { runTrainingSession, type RunLoopHost, type RunSession } from '../../src-shared/training/run-loop';
import type { StopRequest } from './run-state';

export interface InProcessOptions {
  kernels: Kernels;
  /** where the loop's messages go: a RunRecorder's `record` for a recorded run */
  post(message: WorkerMessage): void;
  onEpoch?: RunLoopHost['onEpoch'];
  /** a pause or cancel asked for meanwhile (default: never) */
  request?: () => StopRequest | null;
}

/**
 * Trains one run in this process (the CLI) through the app's own run loop: the same steps,
 * progress, epoch metrics, checkpoints and final message a run worker posts, so a run
 * recorded from here holds the rows the app would have recorded for it.
 */
export function trainInProcess(input: RunWorkerInput, options: InProcessOptions): Promise<RunSession> {
  return runTrainingSession(input, {
    kernels: options.kernels,
    post: options.post,
    onEpoch: options.onEpoch,
    request: options.request ?? (() => null),
    // `post` records each checkpoint before it returns: nothing waits to be stored
    checkpointsStored: () => Promise.resolve(),
    // Lets signal handlers and timers run between reports, as a worker's control messages do.
    yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
    now: () => performance.now(),
  });
}
