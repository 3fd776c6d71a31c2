import { describe, expect, it } from 'vitest';
import { WarpLoop } from '../../../src-shared/analysis/warp-loop';
import type { WarpEvent } from '../../../src-shared/analysis/warp-protocol';
import { defaultWarpSettings } from '../../../src-shared/analysis/warp-session';

/** A host whose clock and timer queue the test drives. */
function fakeHost() {
  const events: WarpEvent[] = [];
  const queue: (() => void)[] = [];
  let time = 0;
  return {
    events,
    queue,
    host: {
      post: (event: WarpEvent) => events.push(event),
      schedule: (tick: () => void) => queue.push(tick),
      // each reading moves the clock on a little, like real training time
      now: () => (time += 1),
    },
    /** runs scheduled ticks until none is left or `max` have run */
    drain(max: number) {
      let ran = 0;
      while (queue.length > 0 && ran < max) {
        queue.shift()!();
        ran++;
      }
      return ran;
    },
  };
}

const snapshots = (events: WarpEvent[]) => events.filter((e): e is Extract<WarpEvent, { type: 'snapshot' }> => e.type === 'snapshot');

describe('WarpLoop', () => {
  it('answers new settings with a snapshot and its scene, then trains tick by tick', () => {
    const fake = fakeHost();
    const loop = new WarpLoop(fake.host);
    loop.handle({ type: 'settings', settings: { ...defaultWarpSettings, maxEpochs: 3 } });
    const first = snapshots(fake.events)[0];
    expect(first.snapshot.step).toBe(0);
    expect(first.scene?.layer).toBe(0);
    expect(first.scene?.input.points.length).toBe(2 * defaultWarpSettings.samples);
    expect(fake.queue).toHaveLength(1);
    fake.drain(1000);
    const last = snapshots(fake.events).at(-1)!;
    expect(last.snapshot.finished).toBe(true);
    expect(last.snapshot.epoch).toBe(3);
    expect(fake.queue).toHaveLength(0); // nothing left to train: no more ticks
    const steps = snapshots(fake.events).map((e) => e.snapshot.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });

  it('steps one mini-batch at a time when held, and a whole epoch on request', () => {
    const fake = fakeHost();
    const loop = new WarpLoop(fake.host);
    loop.handle({ type: 'pace', pace: { kind: 'held' } });
    loop.handle({ type: 'settings', settings: defaultWarpSettings });
    expect(fake.queue).toHaveLength(0); // held: nothing scheduled until a Step
    loop.handle({ type: 'step', unit: 'batch' });
    fake.drain(100);
    expect(snapshots(fake.events).at(-1)!.snapshot.step).toBe(1);
    expect(fake.queue).toHaveLength(0);
    loop.handle({ type: 'step', unit: 'batch' });
    fake.drain(100);
    expect(snapshots(fake.events).at(-1)!.snapshot.step).toBe(2);
    loop.handle({ type: 'step', unit: 'epoch' });
    fake.drain(10_000);
    const last = snapshots(fake.events).at(-1)!.snapshot;
    expect(last.epoch).toBe(1);
    expect(fake.queue).toHaveLength(0);
    // back to real time: it trains on by itself
    loop.handle({ type: 'pace', pace: { kind: 'realtime' } });
    fake.drain(5);
    expect(snapshots(fake.events).at(-1)!.snapshot.step).toBeGreaterThan(last.step);
  });

  it('pauses, changes the view, and reports bad settings as a message', () => {
    const fake = fakeHost();
    const loop = new WarpLoop(fake.host);
    loop.handle({ type: 'running', running: false });
    loop.handle({ type: 'settings', settings: { ...defaultWarpSettings, depth: 2, width: 5 } });
    expect(fake.queue).toHaveLength(0); // paused: no training scheduled
    loop.handle({ type: 'view', layer: 1, plane: { kind: 'pair', pair: [0, 3] } });
    const viewed = snapshots(fake.events).at(-1)!;
    expect(viewed.scene?.layer).toBe(1);
    expect(viewed.scene?.post?.projection).toBe('pair');
    loop.handle({ type: 'settings', settings: { ...defaultWarpSettings, width: 1 } });
    const error = fake.events.at(-1)!;
    expect(error).toEqual({ type: 'error', message: 'width must be a whole number from 2 to 64, got 1' });
    loop.handle({ type: 'running', running: true });
    expect(fake.queue).toHaveLength(1);
    loop.stop();
    fake.drain(10);
    expect(snapshots(fake.events).at(-1)!.snapshot.step).toBe(0); // stopped before training
  });
});
