/**
 * Runs waiting for a worker slot, first in first out. A unit is one run, or twins that
 * must start together. Slots are counted per unit, not per run: twins share one slot and
 * train side by side (on two cores that is the only way both progress at once), and a
 * twin resumed while its partner trains joins it at once instead of queueing behind it.
 */
export class RunQueue {
  private readonly units: { runIds: number[]; slot: string }[] = [];

  /** `slot`: what the unit counts against the limit as (its twin group, or the run alone). */
  push(unit: number[], slot: string): void {
    this.units.push({ runIds: unit, slot });
  }

  /** Takes `runId` out of its unit; false if it was not waiting. */
  remove(runId: number): boolean {
    for (let i = 0; i < this.units.length; i++) {
      const at = this.units[i].runIds.indexOf(runId);
      if (at < 0) continue;
      this.units[i].runIds.splice(at, 1);
      if (this.units[i].runIds.length === 0) this.units.splice(i, 1);
      return true;
    }
    return false;
  }

  has(runId: number): boolean {
    return this.units.some((unit) => unit.runIds.includes(runId));
  }

  /**
   * Removes and returns the units that may start while the slots in `busy` are taken, of
   * `slots` in all: first any unit whose slot is already busy (its partner trains), then
   * units in order while slots are free (one always starts on an idle service).
   */
  takeStartable(busy: ReadonlySet<string>, slots: number): number[][] {
    const taken = new Set(busy);
    const starting: number[][] = [];
    for (let i = 0; i < this.units.length; ) {
      if (taken.has(this.units[i].slot)) starting.push(this.units.splice(i, 1)[0].runIds);
      else i++;
    }
    while (this.units.length > 0 && (taken.size === 0 || taken.size < slots)) {
      const unit = this.units.shift()!;
      starting.push(unit.runIds);
      taken.add(unit.slot);
    }
    return starting;
  }

  clear(): void {
    this.units.length = 0;
  }

  /** Every waiting run, in queue order. */
  runIds(): number[] {
    return this.units.flatMap((unit) => unit.runIds);
  }
}

/** The slot a run counts against: its twin group's, shared with its partner, or its own. */
export function slotOf(run: { id: number; twinGroup: string | null }): string {
  return run.twinGroup ?? `run:${run.id}`;
}
