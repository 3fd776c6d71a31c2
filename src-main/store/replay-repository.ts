import { courseChangeSchema, type CourseChange } from '../../src-shared/training/course';
import { runProvenanceSchema, type RunProvenance } from '../../src-shared/training/replay';
import { z } from 'zod';
import { StoreError } from './database';
import type { Sql } from './sql';

const courseList = z.array(courseChangeSchema);

/**
 * What reproduces a run and what changed along the way: its provenance (dataset hash,
 * kernel path, threads; the app version is the run's own column), the learning-rate and
 * λ changes made while it was paused, and which run it re-runs.
 */
export class ReplayRepository {
  constructor(private readonly sql: Sql) {}

  provenance(runId: number): RunProvenance | null {
    const row = this.sql.get<{ provenance: string | null }>('SELECT provenance FROM runs WHERE id = ?', runId);
    if (!row?.provenance) return null;
    const parsed = runProvenanceSchema.safeParse(JSON.parse(row.provenance));
    return parsed.success ? parsed.data : null;
  }

  recordProvenance(runId: number, provenance: RunProvenance): void {
    this.sql.run('UPDATE runs SET provenance = ? WHERE id = ?', JSON.stringify(runProvenanceSchema.parse(provenance)), runId);
  }

  /** The run's course changes in step order ([] for none). */
  course(runId: number): CourseChange[] {
    const row = this.sql.get<{ course: string }>('SELECT course FROM runs WHERE id = ?', runId);
    if (!row) throw new StoreError(`run ${runId} does not exist`);
    return courseList.parse(JSON.parse(row.course)).sort((a, b) => a.step - b.step);
  }

  setCourse(runId: number, course: readonly CourseChange[]): void {
    const result = this.sql.run('UPDATE runs SET course = ?, updated_at = ? WHERE id = ?', JSON.stringify(courseList.parse(course)), Date.now(), runId);
    if (result.changes === 0) throw new StoreError(`run ${runId} does not exist`);
  }

  /**
   * Adds a change; one at the same step as the last (changed twice while paused) is merged
   * into it, so a replay makes one change there.
   */
  addCourseChange(runId: number, change: CourseChange): CourseChange[] {
    return this.sql.transaction(() => {
      const course = this.course(runId);
      const last = course[course.length - 1];
      if (last && last.step > change.step) throw new StoreError(`run ${runId} already has a change at step ${last.step}, after step ${change.step}`);
      if (last && last.step === change.step) course[course.length - 1] = { ...last, ...change, lr: change.lr ?? last.lr, l1: change.l1 ?? last.l1, l2: change.l2 ?? last.l2 };
      else course.push(change);
      this.setCourse(runId, course);
      return course;
    });
  }

  replayOf(runId: number): number | null {
    return this.sql.get<{ replay_of: number | null }>('SELECT replay_of FROM runs WHERE id = ?', runId)?.replay_of ?? null;
  }

  setReplayOf(runId: number, originalId: number): void {
    this.sql.run('UPDATE runs SET replay_of = ? WHERE id = ?', originalId, runId);
  }

  /** Re-runs of a run, oldest first. */
  replaysOf(runId: number): number[] {
    return this.sql.all<{ id: number }>('SELECT id FROM runs WHERE replay_of = ? ORDER BY id', runId).map((r) => r.id);
  }
}
