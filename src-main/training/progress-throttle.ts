import type { ProgressMessage, RunProgressEvent } from '../../src-shared/training/messages';
import { epochSummary, NO_EPOCH_SUMMARY } from '../../src-shared/training/records';

/**
 * Turns a run's progress messages into `progress` events, at most one per interval: the
 * latest numbers win and the last one is never lost (`flush` when the run ends).
 */
export class ProgressThrottle {
  private lastEmit = 0;
  private pending: RunProgressEvent | null = null;
  private timer: NodeJS.Timeout | null = null;
  private last: RunProgressEvent | null = null;

  constructor(private readonly runId: number, private readonly intervalMs: number, private readonly emit: (event: RunProgressEvent) => void) {}

  push(message: ProgressMessage): void {
    this.last = progressEvent(this.runId, message, this.last);
    this.pending = this.last;
    const wait = this.lastEmit + this.intervalMs - Date.now();
    if (wait <= 0) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    this.cancelTimer();
    const event = this.pending;
    if (!event) return;
    this.pending = null;
    this.lastEmit = Date.now();
    this.emit(event);
  }

  /** Drops a pending event without sending it (the run's slot is being freed). */
  dispose(): void {
    this.cancelTimer();
    this.pending = null;
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The event for one message: means over its steps; numbers a message lacks carry over from the previous event. */
function progressEvent(runId: number, message: ProgressMessage, previous: RunProgressEvent | null): RunProgressEvent {
  const mean = (key: 'dataLoss' | 'regLoss' | 'accuracy') => {
    if (message.steps.length === 0) return previous?.[key] ?? null;
    return finiteOrNull(message.steps.reduce((sum, s) => sum + s[key], 0) / message.steps.length);
  };
  const last = message.epochReports.at(-1);
  return {
    runId,
    status: 'running',
    epoch: message.epoch,
    epochs: message.epochs,
    step: message.step,
    stepsPerEpoch: message.stepsPerEpoch,
    dataLoss: mean('dataLoss'),
    regLoss: mean('regLoss'),
    accuracy: mean('accuracy'),
    summary: last ? epochSummary(last) : previous?.summary ?? NO_EPOCH_SUMMARY,
    samplesPerSecond: Number.isFinite(message.samplesPerSecond) ? message.samplesPerSecond : 0,
    etaSeconds: message.etaSeconds !== null && Number.isFinite(message.etaSeconds) ? message.etaSeconds : null,
  };
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
