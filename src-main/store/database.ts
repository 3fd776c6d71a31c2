import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

/** A store problem worded for the user: what went wrong and with which file. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** The -wal file is cut back to this size after each checkpoint of the log. */
const WAL_SIZE_LIMIT_BYTES = 8 * 1024 * 1024;

export interface OpenDatabaseOptions {
  /** create missing parent folders (the default app data folder); off for user-given paths */
  createFolder?: boolean;
  /** migrate only up to this schema version (tests of older versions); default latest */
  version?: number;
  /** better-sqlite3's compiled module to load instead of node_modules' (the Electron build; see src-main/electron/sqlite-binding.ts) */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) the lab database and brings its schema up to date.
 * WAL lets the UI read while main writes; synchronous=NORMAL is durable against a crash
 * of the app (only an OS crash can lose the last commits), and writes that must survive
 * even that use `durably` below. busy_timeout lets a CLI run and the app share the file.
 * A new file gets incremental auto-vacuum, so the space of deleted runs can be handed back
 * to the disk a few pages at a time (src-main/store/space.ts) instead of by one long VACUUM;
 * journal_size_limit truncates the WAL after a checkpoint so a burst of large checkpoints
 * does not leave a large -wal file behind.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database.Database {
  const file = checkDatabasePath(path, options.createFolder ?? false);
  let db: Database.Database;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : undefined);
  } catch (error) {
    throw new StoreError(`cannot open database ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Only takes effect before the first table exists: older files keep auto_vacuum = NONE until compacted.
    if (schemaVersion(db) === 0 && db.prepare("SELECT 1 FROM sqlite_master LIMIT 1").get() === undefined) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new StoreError(`cannot open database ${file}: WAL journal mode unavailable (got ${String(mode)})`);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, options.version ?? LATEST_VERSION, file);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new StoreError(`${file} is not a Neural Lab database (not an SQLite file)`, { cause: error });
    if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
      throw new StoreError(`cannot write database ${file}: ${(error as Error).message}`, { cause: error });
    }
    throw new StoreError(`cannot open database ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Checks the path before SQLite does, because SQLite's own messages don't say which folder. */
function checkDatabasePath(path: string, createFolder: boolean): string {
  if (typeof path !== 'string' || path.trim() === '') throw new StoreError('database path is empty');
  const file = resolve(path);
  const folder = dirname(file);
  if (!existsSync(folder)) {
    if (!createFolder) throw new StoreError(`cannot open database ${file}: folder ${folder} does not exist`);
    try {
      mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw new StoreError(`cannot create folder ${folder} for the database: ${(error as Error).message}`, { cause: error });
    }
  }
  if (!statSync(folder).isDirectory()) throw new StoreError(`cannot open database ${file}: ${folder} is not a folder`);
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw new StoreError(`cannot open database ${file}: it is a folder, not a file`);
    if (!canWrite(file)) throw new StoreError(`cannot open database ${file}: the file is not writable`);
  }
  // WAL needs to create -wal and -shm files next to the database.
  if (!canWrite(folder)) throw new StoreError(`cannot open database ${file}: folder ${folder} is not writable`);
  return file;
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the migrations after the database's version, each in its own transaction. */
export function migrate(db: Database.Database, target: number, file = db.name): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new StoreError(`${file} was written by a newer Neural Lab (schema ${current}; this version knows up to ${LATEST_VERSION})`);
  }
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  db.pragma('foreign_keys = OFF');
  try {
    for (const migration of pending) {
      db.transaction(() => {
        migration.up(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) {
          throw new StoreError(`migration ${migration.version} (${migration.description}) left ${broken.length} broken references in ${file}`);
        }
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    }
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(`cannot upgrade ${file} to schema ${target}: ${(error as Error).message}`, { cause: error });
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/**
 * Runs `fn` in a transaction committed with synchronous=FULL: for checkpoints and status
 * changes, which must survive even a power cut once the call returns. IMMEDIATE, as every
 * write transaction (see Sql.transaction).
 */
export function durably<T>(db: Database.Database, fn: () => T): T {
  db.pragma('synchronous = FULL');
  try {
    return db.transaction(fn).immediate();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}
