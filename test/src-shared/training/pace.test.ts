import { describe, expect, it } from 'vitest';
import { StepGate } from '../../../src-shared/training/pace';

describe('StepGate', () => {
  it('lets every step through at real time', () => {
    const gate = new StepGate();
    expect(gate.waitMs(0)).toBe(0);
    expect(gate.stepped(0, false, 10)).toBe(false);
    expect(gate.waitMs(0)).toBe(0);
  });

  it('spaces mini-batches at so many a second, and an epoch a second over its mini-batches', () => {
    const gate = new StepGate({ kind: 'batches', perSecond: 4 });
    expect(gate.waitMs(1000)).toBe(0);
    gate.stepped(1000, false, 10);
    expect(gate.waitMs(1100)).toBe(150);
    expect(gate.waitMs(1250)).toBe(0);
    // a late step earns no burst: the next is an interval after it
    gate.stepped(1900, false, 10);
    expect(gate.waitMs(1900)).toBe(250);

    gate.apply({ type: 'pace', pace: { kind: 'epochs', perSecond: 2 } });
    expect(gate.waitMs(2000)).toBe(0);
    gate.stepped(2000, false, 10);
    expect(gate.waitMs(2000)).toBe(50); // 1000 / (2 epochs × 10 mini-batches)
  });

  it('holds until a Step, which allows one mini-batch or the rest of the epoch', () => {
    const gate = new StepGate({ kind: 'held' });
    expect(gate.waitMs(0)).toBe(Infinity);
    gate.apply({ type: 'step', unit: 'batch' });
    expect(gate.waitMs(0)).toBe(0);
    expect(gate.stepped(0, false, 10)).toBe(true);
    expect(gate.waitMs(0)).toBe(Infinity);

    gate.apply({ type: 'step', unit: 'epoch' });
    expect(gate.stepped(0, false, 10)).toBe(false);
    expect(gate.waitMs(0)).toBe(0);
    expect(gate.stepped(0, true, 10)).toBe(true);
    expect(gate.waitMs(0)).toBe(Infinity);
  });

  it('a Step holds a run that was running at real time; a new pace lets it go', () => {
    const gate = new StepGate();
    gate.apply({ type: 'step', unit: 'batch' });
    expect(gate.current).toEqual({ kind: 'held' });
    gate.stepped(0, false, 10);
    gate.apply({ type: 'pace', pace: { kind: 'realtime' } });
    expect(gate.waitMs(0)).toBe(0);
  });
});
