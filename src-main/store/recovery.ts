/**
 * Start-up checks of the lab database, before the store opens it.
 *
 *   const prepared = await prepareDatabase(path)    then   new LabStore(path)
 *
 * - A file that is not an SQLite database, is damaged (`PRAGMA quick_check` fails or
 *   SQLite refuses it as corrupt), or is another program's SQLite database is never
 *   opened as ours and never overwritten: it is renamed beside itself with a timestamp
 *   (`lab.db.unusable-2026-11-28T05-47-04Z`, its -wal/-shm files likewise), the store then
 *   creates a fresh database, and a notice tells the user where the old file went.
 * - A database of an older schema is copied with SQLite's online backup
 *   (`lab.db.backup-v1-<timestamp>`) before the store migrates it, so a failed or
 *   unwanted upgrade can be undone by hand. If the copy fails, nothing is migrated.
 * - A database written by a newer Neural Lab is left alone (StoreError): it is not
 *   damaged, and this version must not touch it.
 */

import { closeSync, existsSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './database';
import { LATEST_VERSION } from './migrations';

/** Something about the database the user should hear about at start-up (the API's `getAppInfo().notices`). */
export interface StartupNotice {
  kind: 'database-set-aside' | 'database-backed-up';
  level: 'warning' | 'info';
  /** one or two sentences for the user: what happened, where the file is now */
  message: string;
  /** the set-aside file or the backup */
  path: string;
}

export interface PreparedDatabase {
  /** the database path, resolved */
  path: string;
  notices: StartupNotice[];
  /** where an unusable file was moved, if it was */
  setAside: string | null;
  /** the copy taken before a migration, if one was due */
  backup: string | null;
}

export interface PrepareOptions {
  /** better-sqlite3's compiled module for this runtime (Electron) */
  nativeBinding?: string;
  /** move an unusable file aside (the app) or refuse it with a StoreError (the CLI, which must not decide that for the user) */
  setAsideUnusable?: boolean;
  /** clock for the timestamped names (tests) */
  now?: () => Date;
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** Tables each schema version has; a file at that version without them is not ours. */
const TABLES_BY_VERSION: [version: number, tables: string[]][] = [
  [1, ['datasets', 'experiments', 'experiment_tags', 'runs', 'metrics', 'checkpoints']],
  [2, ['exports']],
];

/** Checks `path` before LabStore opens it: sets an unusable file aside, backs up one about to be migrated. */
export async function prepareDatabase(path: string, options: PrepareOptions = {}): Promise<PreparedDatabase> {
  const file = resolve(path);
  const prepared: PreparedDatabase = { path: file, notices: [], setAside: null, backup: null };
  if (!existsSync(file) || !statSync(file).isFile() || statSync(file).size === 0) return prepared; // new database (or a folder: the store says so)
  const now = options.now ?? (() => new Date());

  const problem = await inspect(file, options.nativeBinding);
  if (problem.kind === 'newer') {
    throw new StoreError(`${file} was written by a newer Neural Lab (schema ${problem.version}; this version knows up to ${LATEST_VERSION}); update the app, or choose another database`);
  }
  if (problem.kind === 'unusable') {
    if (options.setAsideUnusable === false) {
      throw new StoreError(`${file} cannot be used as a Neural Lab database: ${problem.reason}. The app moves such a file aside and starts a new one; or give another database path`);
    }
    const aside = setAside(file, `unusable-${stamp(now())}`);
    prepared.setAside = aside;
    prepared.notices.push({
      kind: 'database-set-aside',
      level: 'warning',
      message: `The lab database could not be used (${problem.reason}). It was moved to ${aside} and a new, empty database was started in its place; nothing in the old file was changed or deleted.`,
      path: aside,
    });
    return prepared;
  }
  if (problem.kind === 'outdated') {
    const backup = uniquePath(`${file}.backup-v${problem.version}-${stamp(now())}`);
    const db = open(file, options.nativeBinding);
    try {
      await db.backup(backup);
      // one self-contained file: the copy keeps the WAL mode of its source otherwise
      const copy = new Database(backup, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
      copy.pragma('journal_mode = DELETE');
      copy.close();
    } catch (error) {
      throw new StoreError(`cannot back up ${file} before upgrading it to schema ${LATEST_VERSION} (${(error as Error).message}); nothing was changed. Free some disk space and start again`, { cause: error });
    } finally {
      db.close();
    }
    prepared.backup = backup;
    prepared.notices.push({
      kind: 'database-backed-up',
      level: 'info',
      message: `The lab database was upgraded from schema ${problem.version} to ${LATEST_VERSION}; a copy of it as it was is kept at ${backup}.`,
      path: backup,
    });
  }
  return prepared;
}

/**
 * SQLite's quick_check report as a phrase: its rows are multi-line strings headed by
 * `*** in database main ***` and worded for SQLite's developers ("btreeInitPage() returns
 * error code 11"). The first problem in words, and how many more there are.
 */
export function describeDamage(problems: readonly string[]): string {
  const lines = problems.flatMap((p) => p.split('\n')).map((l) => l.trim()).filter((l) => l !== '' && !/^\*\*\* in database \S+ \*\*\*$/.test(l));
  if (lines.length === 0) return 'SQLite\'s check failed without details';
  const first = lines[0];
  const page = /^(?:Tree \d+ )?page (\d+)/i.exec(first)?.[1] ?? /^On (?:tree )?page (\d+)/i.exec(first)?.[1];
  const index = /index (\S+)/.exec(first)?.[1];
  const words = /never used/.test(first) ? `page ${page} belongs to no table`
    : index ? `index ${index} does not match its table`
      : page ? `page ${page} is not a valid table page`
        : first.replace(/\s+/g, ' ');
  const more = lines.length - 1;
  return `${words}${more > 0 ? `, and ${more} more problem${more === 1 ? '' : 's'}` : ''}, found by SQLite's check`;
}

type Inspection =
  | { kind: 'fine' }
  | { kind: 'outdated'; version: number }
  | { kind: 'newer'; version: number }
  | { kind: 'unusable'; reason: string };

async function inspect(file: string, nativeBinding: string | undefined): Promise<Inspection> {
  const header = readHead(file, SQLITE_HEADER.length);
  if (header.length < SQLITE_HEADER.length || header.toString('latin1') !== SQLITE_HEADER) {
    return { kind: 'unusable', reason: 'it is not an SQLite database file' };
  }
  let db: Database.Database | null = null;
  try {
    db = open(file, nativeBinding);
    // quick_check reads every page and checks the b-trees without cross-checking indexes: damage, not a slow audit.
    const check = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
    const problems = check.map((r) => r.quick_check).filter((m) => m !== 'ok');
    if (problems.length > 0) return { kind: 'unusable', reason: `it is damaged (${describeDamage(problems)})` };
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) return { kind: 'newer', version };
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (version === 0) {
      const foreign = [...tables].filter((t) => !t.startsWith('sqlite_'));
      return foreign.length > 0 ? { kind: 'unusable', reason: `it is another program's SQLite database (tables ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''})` } : { kind: 'fine' };
    }
    const missing = TABLES_BY_VERSION.filter(([v]) => v <= version).flatMap(([, names]) => names).filter((t) => !tables.has(t));
    if (missing.length > 0) return { kind: 'unusable', reason: `it is not a Neural Lab database (schema ${version} but no ${missing.join(', ')} table)` };
    return version < LATEST_VERSION ? { kind: 'outdated', version } : { kind: 'fine' };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      return { kind: 'unusable', reason: `it is damaged: ${(error as Error).message}` };
    }
    throw new StoreError(`cannot open database ${file}: ${(error as Error).message}`, { cause: error });
  } finally {
    db?.close();
  }
}

/** Read-only: looking must not change the file (no WAL replay, no checkpoint on close) before we know it is ours. */
function open(file: string, nativeBinding: string | undefined): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma('busy_timeout = 5000');
  return db;
}

function readHead(file: string, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Renames `file` and its SQLite side files to `<file>.<suffix>` (+ `-wal`, `-shm`,
 * `-journal`), so the set-aside copy opens as it was. Never replaces an existing file.
 */
function setAside(file: string, suffix: string): string {
  const target = uniquePath(`${file}.${suffix}`);
  try {
    renameSync(file, target);
    for (const side of ['-wal', '-shm', '-journal']) {
      if (existsSync(file + side)) renameSync(file + side, uniquePath(target + side));
    }
  } catch (error) {
    throw new StoreError(`${file} cannot be used and cannot be moved aside (${(error as Error).message}); move or delete it yourself, or give another database path`, { cause: error });
  }
  return target;
}

/** `path`, or `path-2`, `path-3`, … : the first that does not exist. */
function uniquePath(path: string): string {
  if (!existsSync(path)) return path;
  for (let k = 2; ; k++) if (!existsSync(`${path}-${k}`)) return `${path}-${k}`;
}

/** A UTC time usable in file names on every OS: 2026-11-28T05-47-04Z. */
function stamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}
