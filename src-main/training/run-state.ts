import type { ControlMessage, RunFinishedEvent } from '../../src-shared/training/messages';
import { RESUMABLE_RUN_STATUSES } from '../../src-shared/training/records';

/** What the user asked a run's worker to do: stop and keep the state, or stop for good. */
export type StopRequest = ControlMessage['type'];

/**
 * The life of one run that holds a worker slot, from leaving the queue until its worker
 * has exited:
 *
 *   loading ──spawned──▶ training ──pause / cancel──▶ stopping
 *      │                    │                            │
 *      └────────────────────┴───────────ended────────────┴──▶ ended ──exited──▶ exited
 *
 * `loading` keeps a request made while the data loads (the worker is then never started);
 * `stopping` has sent its request and waits for the worker's final message; `ended` has
 * recorded the run's end and announced it while the worker is still exiting. `thenResume`:
 * the user asked to resume while the run was pausing, so it is queued again once its
 * worker has gone.
 */
export type RunState =
  | { phase: 'loading'; request: StopRequest | null; thenResume: boolean }
  | { phase: 'training' }
  | { phase: 'stopping'; request: StopRequest; thenResume: boolean }
  | { phase: 'ended'; finished: RunFinishedEvent; thenResume: boolean }
  | { phase: 'exited'; finished: RunFinishedEvent; thenResume: boolean };

export type RunEvent =
  | { type: 'pause' }
  | { type: 'cancel' }
  | { type: 'resume' }
  /** the data is ready and the worker has been started */
  | { type: 'spawned' }
  /** the run's end is recorded (the worker's final message, or the failure standing in for one) */
  | { type: 'ended'; finished: RunFinishedEvent }
  /** the worker is gone (or was never started) */
  | { type: 'exited' };

/** A request that makes no sense in the run's phase, worded to follow "run N ". */
export interface Refusal {
  refused: string;
}

export const initialRunState: RunState = { phase: 'loading', request: null, thenResume: false };

/**
 * The only way a run's state changes. Pure: the supervisor performs what a change means
 * (post the request to the worker, announce the end, free the slot).
 */
export function nextRunState(state: RunState, event: RunEvent): RunState | Refusal {
  switch (event.type) {
    case 'pause':
      // A pause never replaces a cancel; it does drop a pending resume.
      if (state.phase === 'loading') return { ...state, request: state.request ?? 'pause', thenResume: false };
      if (state.phase === 'training') return { phase: 'stopping', request: 'pause', thenResume: false };
      return { ...state, thenResume: false };
    case 'cancel':
      if (state.phase === 'loading') return { ...state, request: 'cancel', thenResume: false };
      if (state.phase === 'training' || state.phase === 'stopping') return { phase: 'stopping', request: 'cancel', thenResume: false };
      return { ...state, thenResume: false };
    case 'resume':
      if (state.phase === 'training') return { refused: 'is already training' };
      if (state.phase === 'loading' || state.phase === 'stopping') {
        return state.request === 'pause' ? { ...state, thenResume: true } : { refused: 'is already training' };
      }
      return resumable(state.finished) ? { ...state, thenResume: true } : { refused: `is ${state.finished.status} and cannot be resumed` };
    case 'spawned':
      if (state.phase === 'loading' && state.request === null) return { phase: 'training' };
      return { refused: `cannot start training while ${state.phase}${state.phase === 'loading' ? ` with a ${state.request} request` : ''}` };
    case 'ended':
      // The first end is the one recorded: later ones (an exit after the final message) change nothing.
      if (state.phase === 'ended' || state.phase === 'exited') return state;
      return { phase: 'ended', finished: event.finished, thenResume: state.phase !== 'training' && state.thenResume && resumable(event.finished) };
    case 'exited':
      if (state.phase === 'ended') return { ...state, phase: 'exited' };
      if (state.phase === 'exited') return state;
      return { refused: `cannot free its slot while ${state.phase} (its end is not recorded)` };
  }
}

function resumable(finished: RunFinishedEvent): boolean {
  return RESUMABLE_RUN_STATUSES.includes(finished.status);
}
