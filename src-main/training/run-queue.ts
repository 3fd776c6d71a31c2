/**
 * Runs waiting for a worker slot, first in first out. A unit is one run, or twins that
 * must start together; a unit larger than the limit starts on an idle service.
 */
export class RunQueue {
  private readonly units: number[][] = [];

  push(unit: number[]): void {
    this.units.push(unit);
  }

  /** Takes `runId` out of its unit; false if it was not waiting. */
  remove(runId: number): boolean {
    for (let i = 0; i < this.units.length; i++) {
      const at = this.units[i].indexOf(runId);
      if (at < 0) continue;
      this.units[i].splice(at, 1);
      if (this.units[i].length === 0) this.units.splice(i, 1);
      return true;
    }
    return false;
  }

  has(runId: number): boolean {
    return this.units.some((unit) => unit.includes(runId));
  }

  /** Removes and returns, in order, the units that may start with `busy` of `slots` slots taken. */
  takeStartable(busy: number, slots: number): number[][] {
    const starting: number[][] = [];
    while (this.units.length > 0) {
      const unit = this.units[0];
      if (busy > 0 && busy + unit.length > slots) break;
      starting.push(this.units.shift()!);
      busy += unit.length;
    }
    return starting;
  }

  clear(): void {
    this.units.length = 0;
  }

  /** Every waiting run, in queue order. */
  runIds(): number[] {
    return this.units.flat();
  }
}
