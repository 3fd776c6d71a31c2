/** The run state machine on its own: every request in every phase, and what it refuses. */
import { describe, expect, it } from 'vitest';
import { initialRunState, nextRunState, type RunEvent, type RunState } from '../../../src-main/training';

const paused = { runId: 1, status: 'paused', error: null } as const;
const done = { runId: 1, status: 'done', error: null } as const;

function run(events: RunEvent[], from: RunState = initialRunState): RunState | { refused: string } {
  let state: RunState | { refused: string } = from;
  for (const event of events) {
    if ('refused' in state) return state;
    state = nextRunState(state, event);
  }
  return state;
}

describe('nextRunState', () => {
  it('goes loading → training → stopping → ended → exited on a pause', () => {
    expect(run([{ type: 'spawned' }])).toEqual({ phase: 'training' });
    expect(run([{ type: 'spawned' }, { type: 'pause' }])).toEqual({ phase: 'stopping', request: 'pause', thenResume: false });
    expect(run([{ type: 'spawned' }, { type: 'pause' }, { type: 'ended', finished: paused }, { type: 'exited' }]))
      .toEqual({ phase: 'exited', finished: paused, thenResume: false });
  });

  it('keeps a request made while loading, and then refuses to start a worker', () => {
    expect(run([{ type: 'pause' }])).toEqual({ phase: 'loading', request: 'pause', thenResume: false });
    expect(run([{ type: 'pause' }, { type: 'spawned' }])).toEqual({ refused: expect.stringContaining('pause request') });
  });

  it('lets a cancel replace a pause, never the other way round', () => {
    expect(run([{ type: 'spawned' }, { type: 'pause' }, { type: 'cancel' }])).toMatchObject({ phase: 'stopping', request: 'cancel' });
    expect(run([{ type: 'spawned' }, { type: 'cancel' }, { type: 'pause' }])).toMatchObject({ phase: 'stopping', request: 'cancel' });
    expect(run([{ type: 'cancel' }, { type: 'pause' }])).toMatchObject({ phase: 'loading', request: 'cancel' });
  });

  it('resumes after a pause lands, unless the run ended otherwise or a pause/cancel came after', () => {
    const pausing: RunEvent[] = [{ type: 'spawned' }, { type: 'pause' }, { type: 'resume' }];
    expect(run([...pausing, { type: 'ended', finished: paused }])).toMatchObject({ phase: 'ended', thenResume: true });
    expect(run([...pausing, { type: 'ended', finished: done }])).toMatchObject({ phase: 'ended', thenResume: false });
    expect(run([...pausing, { type: 'pause' }])).toMatchObject({ phase: 'stopping', thenResume: false });
    expect(run([...pausing, { type: 'cancel' }])).toMatchObject({ request: 'cancel', thenResume: false });
  });

  it('refuses a resume of a run that is training, being cancelled or finished for good', () => {
    expect(run([{ type: 'spawned' }, { type: 'resume' }])).toEqual({ refused: 'is already training' });
    expect(run([{ type: 'spawned' }, { type: 'cancel' }, { type: 'resume' }])).toEqual({ refused: 'is already training' });
    expect(run([{ type: 'spawned' }, { type: 'ended', finished: done }, { type: 'resume' }])).toEqual({ refused: 'is done and cannot be resumed' });
    expect(run([{ type: 'spawned' }, { type: 'ended', finished: paused }, { type: 'resume' }])).toMatchObject({ phase: 'ended', thenResume: true });
  });

  it('records only the first end, and frees the slot only after the end is recorded', () => {
    const failed = { runId: 1, status: 'failed', error: 'x' } as const;
    expect(run([{ type: 'spawned' }, { type: 'ended', finished: paused }, { type: 'ended', finished: failed }])).toMatchObject({ finished: paused });
    expect(run([{ type: 'spawned' }, { type: 'exited' }])).toEqual({ refused: expect.stringContaining('not recorded') });
  });
});
