import type { DatasetRecord } from '../../src-shared/training/records';
import { StoreError } from './database';
import { existing, type Sql } from './sql';

export interface NewDataset {
  name: string;
  source: string;
  options?: Record<string, unknown>;
  contentHash?: string | null;
  report?: Record<string, unknown> | null;
}

interface DatasetRow {
  id: number;
  name: string;
  source: string;
  options: string;
  content_hash: string | null;
  report: string | null;
  created_at: number;
}

/** Imported datasets: where the images came from, with which options, and the import's report. */
export class DatasetRepository {
  constructor(private readonly sql: Sql) {}

  create(input: NewDataset): DatasetRecord {
    const id = this.sql.run(
      'INSERT INTO datasets (name, source, options, content_hash, report, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      input.name, input.source, JSON.stringify(input.options ?? {}), input.contentHash ?? null,
      input.report ? JSON.stringify(input.report) : null, Date.now(),
    ).lastInsertRowid;
    return this.get(Number(id))!;
  }

  /** The dataset with exactly this source and options (toy datasets are found this way), or a new one. */
  findOrCreate(input: NewDataset): DatasetRecord {
    const row = this.sql.get<{ id: number }>(
      'SELECT id FROM datasets WHERE source = ? AND options = ? AND content_hash IS ? ORDER BY id LIMIT 1',
      input.source, JSON.stringify(input.options ?? {}), input.contentHash ?? null,
    );
    return row ? this.get(row.id)! : this.create(input);
  }

  /**
   * One folder imported with the same options is one dataset, whoever imports it (the app
   * or `lab train --data`): the existing record, given the newer import's report and
   * content hash, or a new one. The options that make it the same are folderIdentity's.
   */
  findOrCreateFolder(input: NewDataset): DatasetRecord {
    const identity = folderIdentity(input.options ?? {});
    const same = identity === null ? undefined : this.list().reverse().find((d) => folderIdentity(d.options) === identity);
    if (!same) return this.create(input);
    if (input.report === undefined && input.contentHash === undefined) return same;
    return this.update(same.id, { report: input.report ?? same.report, contentHash: input.contentHash ?? same.contentHash });
  }

  get(id: number): DatasetRecord | null {
    const row = this.sql.get<DatasetRow>('SELECT * FROM datasets WHERE id = ?', id);
    return row ? datasetRecord(row) : null;
  }

  require(id: number): DatasetRecord {
    return existing(this.get(id), `dataset ${id}`);
  }

  list(): DatasetRecord[] {
    return this.sql.all<DatasetRow>('SELECT * FROM datasets ORDER BY created_at DESC, id DESC').map(datasetRecord);
  }

  update(id: number, patch: { name?: string; contentHash?: string | null; report?: Record<string, unknown> | null }): DatasetRecord {
    const current = this.require(id);
    this.sql.run(
      'UPDATE datasets SET name = ?, content_hash = ?, report = ? WHERE id = ?',
      patch.name ?? current.name,
      patch.contentHash === undefined ? current.contentHash : patch.contentHash,
      patch.report === undefined ? (current.report ? JSON.stringify(current.report) : null) : patch.report ? JSON.stringify(patch.report) : null,
      id,
    );
    return this.get(id)!;
  }

  /** Refuses while runs still use the dataset: their records would lose their data. */
  delete(id: number): boolean {
    const users = this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM runs WHERE dataset_id = ?', id)!.n;
    if (users > 0) throw new StoreError(`dataset ${id} is used by ${users} run${users === 1 ? '' : 's'}; delete those runs first`);
    return this.sql.run('DELETE FROM datasets WHERE id = ?', id).changes > 0;
  }
}

/**
 * What makes two imports of a folder the same dataset: the folder and how its files become
 * samples (size, colour, fit, identical files dropped). The validation share is not part of
 * it: every run splits the dataset its own way. The app records the folder as `path`, older
 * CLI runs as `folder`; datasets from before duplicates could be dropped kept every copy.
 */
export function folderIdentity(options: Record<string, unknown>): string | null {
  const folder = options.path ?? options.folder;
  if (typeof folder !== 'string') return null;
  return JSON.stringify([folder, options.width, options.height, options.channels, options.fit ?? 'cover', options.dropDuplicates ?? false]);
}

function datasetRecord(r: DatasetRow): DatasetRecord {
  return {
    id: r.id, name: r.name, source: r.source, options: JSON.parse(r.options), contentHash: r.content_hash,
    report: r.report ? JSON.parse(r.report) : null, createdAt: r.created_at,
  };
}
