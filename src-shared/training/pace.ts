/**
 * How fast a run trains, so a short run can be watched and a single update examined:
 * real time (as fast as it can), a number of mini-batches or epochs a second, or held
 * (nothing happens until the user asks for one more mini-batch or one more epoch).
 * The worker's loop asks the gate before each mini-batch; the gate is plain arithmetic
 * on the clock it is given, so it is tested without threads or timers.
 */

import { z } from 'zod';

export const runPace = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('realtime') }),
  z.strictObject({ kind: z.literal('batches'), perSecond: z.number().positive().max(1000) }),
  z.strictObject({ kind: z.literal('epochs'), perSecond: z.number().positive().max(100) }),
  z.strictObject({ kind: z.literal('held') }),
]);
export type RunPace = z.infer<typeof runPace>;

export const stepUnit = z.enum(['batch', 'epoch']);
export type StepUnit = z.infer<typeof stepUnit>;

/** Main → worker: a new pace, or one more mini-batch / epoch (which holds the run after it). */
export const paceMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pace'), pace: runPace }),
  z.strictObject({ type: z.literal('step'), unit: stepUnit }),
]);
export type PaceMessage = z.infer<typeof paceMessageSchema>;

export class StepGate {
  private pace: RunPace;
  /** steps still allowed while held: one mini-batch, or up to the end of the epoch */
  private grant: StepUnit | null = null;
  private nextAt = -Infinity;

  constructor(pace: RunPace = { kind: 'realtime' }) {
    this.pace = pace;
  }

  get current(): RunPace {
    return this.pace;
  }

  apply(message: PaceMessage): void {
    if (message.type === 'pace') {
      this.pace = message.pace;
      this.grant = null;
      this.nextAt = -Infinity;
    } else {
      this.pace = { kind: 'held' };
      this.grant = message.unit;
    }
  }

  /** Milliseconds before the next mini-batch may run at `now`; Infinity while held without a grant. */
  waitMs(now: number): number {
    if (this.pace.kind === 'realtime') return 0;
    if (this.pace.kind === 'held') return this.grant ? 0 : Infinity;
    return Math.max(0, this.nextAt - now);
  }

  /**
   * Records a mini-batch that ran at `now`. True when it completed what a Step asked for
   * (the loop reports at once, so the user sees exactly that step).
   */
  stepped(now: number, epochEnd: boolean, stepsPerEpoch: number): boolean {
    const { pace } = this;
    if (pace.kind === 'batches' || pace.kind === 'epochs') {
      const interval = 1000 / (pace.kind === 'batches' ? pace.perSecond : pace.perSecond * stepsPerEpoch);
      // the next one an interval after this one (a slow step earns no burst afterwards)
      this.nextAt = Math.max(this.nextAt, now) + interval;
      return false;
    }
    if (this.grant === 'batch' || (this.grant === 'epoch' && epochEnd)) {
      this.grant = null;
      return true;
    }
    return false;
  }
}
