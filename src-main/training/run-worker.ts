/**
 * Worker entry point: trains one run (see runTrainingSession) and exits. Receives its
 * run as `workerData` (RunWorkerInput), then control requests and checkpoint
 * acknowledgements as messages (MainToWorkerMessage).
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { mainToWorkerMessageSchema, type ControlMessage, type RunWorkerInput, type WorkerMessage } from '../../src-shared/training/messages';
import { runTrainingSession } from '../../src-shared/training/run-loop';
import { paceMessageSchema, type PaceMessage } from '../../src-shared/training/pace';
import { createNodeKernels } from '../kernels';

if (!parentPort) throw new Error('run-worker.ts must run in a worker thread');
const port = parentPort;
let request: ControlMessage['type'] | null = null;
let storedCheckpoints = 0;
/** the loop waiting for main to store a checkpoint, woken by the next message */
let wake: (() => void) | null = null;
let paceMessages: PaceMessage[] = [];

port.on('message', (message: unknown) => {
  const pace = paceMessageSchema.safeParse(message);
  if (pace.success) {
    paceMessages.push(pace.data);
    return;
  }
  const parsed = mainToWorkerMessageSchema.safeParse(message);
  if (!parsed.success) return;
  const { data } = parsed;
  if (data.type === 'checkpoint-stored') storedCheckpoints++;
  // A cancel is never downgraded to a pause.
  else if (request !== 'cancel') request = data.type;
  wake?.();
});

async function checkpointsStored(count: number): Promise<void> {
  while (storedCheckpoints < count && request === null) {
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
}

// Training gives way to the UI: this thread runs at nice 10 (a tenth of a normal thread's share
// when both want the CPU), so a window repaints and answers clicks at once however many runs
// share the cores; alone on the machine it trains as fast as before. At nice 5 four runs on two
// cores still took the page's CPU: a 60 ms render took 200–300 ms of wall time (load.e2e). Linux keeps the nice value
// per thread; elsewhere it is per process and would slow the whole app, so it is left alone.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // not allowed here (a container's seccomp policy): train at normal priority
  }
}

// One thread per run: the service runs several runs side by side instead.
const kernels = await createNodeKernels({ threads: 1 });

await runTrainingSession(workerData as RunWorkerInput, {
  kernels,
  post(message: WorkerMessage) {
    // Trainer states and snapshots are fresh buffers: hand them over instead of copying.
    port.postMessage(message, 'state' in message ? [message.state.buffer as ArrayBuffer, message.snapshot.buffer as ArrayBuffer] : []);
  },
  request: () => request,
  checkpointsStored,
  paceMessages: () => {
    const taken = paceMessages;
    paceMessages = [];
    return taken;
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
  now: () => performance.now(),
});
port.close();
