import type { ExperimentRecord } from '../../src-shared/training/records';
import { StoreError } from './database';
import { existing, type Sql } from './sql';

const EXPERIMENT_SELECT = `
  SELECT e.*,
    (SELECT COUNT(*) FROM runs WHERE experiment_id = e.id) AS run_count,
    (SELECT json_group_array(tag) FROM (SELECT tag FROM experiment_tags WHERE experiment_id = e.id ORDER BY tag)) AS tags
  FROM experiments e`;

interface ExperimentRow {
  id: number;
  name: string;
  notes: string;
  created_at: number;
  updated_at: number;
  run_count: number;
  tags: string;
}

/** Experiments: a name, notes and tags grouping runs. */
export class ExperimentRepository {
  constructor(private readonly sql: Sql) {}

  create(input: { name: string; notes?: string; tags?: string[] }): ExperimentRecord {
    const name = input.name.trim();
    if (name === '') throw new StoreError('experiment name is empty');
    const now = Date.now();
    const id = this.sql.transaction(() => {
      const newId = Number(this.sql.run('INSERT INTO experiments (name, notes, created_at, updated_at) VALUES (?, ?, ?, ?)', name, input.notes ?? '', now, now).lastInsertRowid);
      this.setTags(newId, input.tags ?? []);
      return newId;
    });
    return this.get(id)!;
  }

  update(id: number, patch: { name?: string; notes?: string; tags?: string[] }): ExperimentRecord {
    const current = this.require(id);
    const name = (patch.name ?? current.name).trim();
    if (name === '') throw new StoreError('experiment name is empty');
    this.sql.transaction(() => {
      this.sql.run('UPDATE experiments SET name = ?, notes = ?, updated_at = ? WHERE id = ?', name, patch.notes ?? current.notes, Date.now(), id);
      if (patch.tags) this.setTags(id, patch.tags);
    });
    return this.get(id)!;
  }

  get(id: number): ExperimentRecord | null {
    const row = this.sql.get<ExperimentRow>(`${EXPERIMENT_SELECT} WHERE e.id = ?`, id);
    return row ? experimentRecord(row) : null;
  }

  require(id: number): ExperimentRecord {
    return existing(this.get(id), `experiment ${id}`);
  }

  list(): ExperimentRecord[] {
    return this.sql.all<ExperimentRow>(`${EXPERIMENT_SELECT} ORDER BY e.updated_at DESC, e.id DESC`).map(experimentRecord);
  }

  /** Deletes the experiment with its runs, their metrics, checkpoints and exports, in one transaction. */
  delete(id: number): boolean {
    return this.sql.transaction(() => this.sql.run('DELETE FROM experiments WHERE id = ?', id).changes > 0);
  }

  private setTags(experimentId: number, tags: string[]): void {
    this.sql.run('DELETE FROM experiment_tags WHERE experiment_id = ?', experimentId);
    for (const tag of new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))) {
      this.sql.run('INSERT INTO experiment_tags (experiment_id, tag) VALUES (?, ?)', experimentId, tag);
    }
  }
}

function experimentRecord(r: ExperimentRow): ExperimentRecord {
  return { id: r.id, name: r.name, notes: r.notes, tags: JSON.parse(r.tags), createdAt: r.created_at, updatedAt: r.updated_at, runCount: r.run_count };
}
