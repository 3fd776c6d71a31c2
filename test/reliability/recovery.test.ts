/**
 * A database the lab cannot use at start-up (not SQLite, damaged, truncated, another
 * program's) is moved aside under a timestamped name, byte for byte as it was, a fresh
 * database starts, and getAppInfo tells the user where the old file went. A database of
 * an older schema is copied (SQLite backup) before it is migrated. A newer one is refused
 * and left alone. The CLI refuses such files instead of moving them.
 */

import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore, LATEST_VERSION, openDatabase, StoreError } from '../../src-main/store';
import { prepareDatabase } from '../../src-main/store/recovery';
import { inProcessClient, type Lab } from '../../src-main/api';
import { smallConfig, toyData, toySplit } from '../src-main/store/helpers';
import { checkDatabaseFile, repoRoot, startTestLab, tempFolder, type TempFolder } from './helpers';

let folder: TempFolder;
let lab: Lab | null = null;
beforeEach(() => {
  folder = tempFolder('nl-recovery-');
});
afterEach(async () => {
  await lab?.close();
  lab = null;
  folder.cleanup();
});

const stamped = /^lab\.db\.unusable-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d+)?$/;

/** A real lab database with an experiment and a finished run, closed. */
function writeLabDatabase(path: string, version = LATEST_VERSION): void {
  const db = openDatabase(path, { version });
  const now = Date.now();
  db.prepare("INSERT INTO experiments (id, name, notes, created_at, updated_at) VALUES (1, 'kept', '', ?, ?)").run(now, now);
  const config = JSON.stringify(smallConfig());
  db.prepare(
    `INSERT INTO runs (id, experiment_id, name, config, seed, data, split, app_version, status, created_at, updated_at)
     VALUES (1, 1, 'old run', ?, 1, ?, ?, '0.0.1', 'done', ?, ?)`,
  ).run(config, JSON.stringify(toyData), JSON.stringify(toySplit), now, now);
  const metric = db.prepare("INSERT INTO metrics (run_id, split, name, step, epoch, value) VALUES (1, 'batch', 'loss', ?, 1, ?)");
  db.transaction(() => {
    for (let step = 1; step <= 3000; step++) metric.run(step, 1 / step);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** Starts the lab on `dbPath`, expecting it to set the file aside: returns the notice and the set-aside file. */
async function startExpectingSetAside(dbPath: string, original: Buffer): Promise<{ aside: string; message: string }> {
  lab = await startTestLab(dbPath);
  const info = await inProcessClient(lab.router).getAppInfo();
  if (!info.ok) throw new Error(info.error.message);
  const { notices } = info.value;
  expect(notices).toHaveLength(1);
  const [notice] = notices;
  expect(notice).toMatchObject({ kind: 'database-set-aside', level: 'warning' });
  expect(notice.path.startsWith(folder.dir)).toBe(true);
  expect(notice.path.slice(folder.dir.length + 1)).toMatch(stamped);
  expect(notice.message).toContain(notice.path);
  // untouched, byte for byte
  expect(readFileSync(notice.path).equals(original)).toBe(true);
  // and a fresh, working database in its place
  const created = await lab.router.invoke('createExperiment', { name: 'after recovery' }, { transport: 'web' });
  expect(created.ok).toBe(true);
  expect(checkDatabaseFile(dbPath).integrity).toBe('ok');
  return { aside: notice.path, message: notice.message };
}

describe('an unusable database at start-up', () => {
  it('a file that is not SQLite at all is set aside, not overwritten', async () => {
    const dbPath = folder.file('lab.db');
    const original = Buffer.from('these are my thesis notes, saved under the wrong name\n'.repeat(100));
    writeFileSync(dbPath, original);
    const { message } = await startExpectingSetAside(dbPath, original);
    expect(message).toMatch(/not an SQLite database file/);
  });

  it('a damaged database (pages overwritten) is set aside with its WAL files', async () => {
    const dbPath = folder.file('lab.db');
    writeLabDatabase(dbPath);
    const bytes = readFileSync(dbPath);
    const pageSize = 4096;
    // scribble over the b-tree pages of the metrics table (past the schema page)
    for (let p = 3 * pageSize; p < Math.min(bytes.length, 12 * pageSize); p += 7) bytes[p] = 0xa5;
    writeFileSync(dbPath, bytes);
    writeFileSync(`${dbPath}-shm`, Buffer.alloc(32768));
    const { aside, message } = await startExpectingSetAside(dbPath, bytes);
    expect(message).toMatch(/damaged/);
    expect(existsSync(`${aside}-shm`)).toBe(true);
  });

  it('a truncated database (half a copy) is set aside', async () => {
    const dbPath = folder.file('lab.db');
    writeLabDatabase(dbPath);
    const half = readFileSync(dbPath).subarray(0, Math.floor(statSync(dbPath).size / 2));
    writeFileSync(dbPath, half);
    const { message } = await startExpectingSetAside(dbPath, Buffer.from(half));
    expect(message).toMatch(/damaged/);
  });

  it('another program\'s SQLite database is set aside, never given our tables', async () => {
    const dbPath = folder.file('lab.db');
    const foreign = new Database(dbPath);
    foreign.exec("CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('Ada', '555');");
    foreign.pragma('journal_mode = DELETE');
    foreign.close();
    const original = readFileSync(dbPath);
    const { aside, message } = await startExpectingSetAside(dbPath, original);
    expect(message).toMatch(/another program's SQLite database \(tables contacts\)/);
    const reopened = new Database(aside, { readonly: true });
    expect(reopened.prepare('SELECT name FROM sqlite_master').all()).toEqual([{ name: 'contacts' }]);
    reopened.close();
  });

  it('a file with our schema version but not our tables is set aside', async () => {
    const dbPath = folder.file('lab.db');
    const other = new Database(dbPath);
    other.exec('CREATE TABLE things (x); PRAGMA user_version = 1;');
    other.pragma('journal_mode = DELETE');
    other.close();
    const { message } = await startExpectingSetAside(dbPath, readFileSync(dbPath));
    expect(message).toMatch(/not a Neural Lab database \(schema 1 but no datasets, experiments, .* table\)/);
  });

  it('two set-asides in the same second get two names; nothing is replaced', async () => {
    const dbPath = folder.file('lab.db');
    const now = () => new Date('2026-01-02T03:04:05.678Z');
    writeFileSync(dbPath, 'first');
    const first = await prepareDatabase(dbPath, { now });
    writeFileSync(dbPath, 'second');
    const second = await prepareDatabase(dbPath, { now });
    expect(first.setAside).toBe(join(folder.dir, 'lab.db.unusable-2026-01-02T03-04-05Z'));
    expect(second.setAside).toBe(join(folder.dir, 'lab.db.unusable-2026-01-02T03-04-05Z-2'));
    expect(readFileSync(first.setAside!, 'utf8')).toBe('first');
    expect(readFileSync(second.setAside!, 'utf8')).toBe('second');
  });

  it('a healthy database, an empty file and a missing one start without a notice', async () => {
    const healthy = folder.file('healthy.db');
    writeLabDatabase(healthy);
    const empty = folder.file('empty.db');
    writeFileSync(empty, '');
    for (const path of [healthy, empty, folder.file('missing.db')]) {
      expect(await prepareDatabase(path)).toMatchObject({ notices: [], setAside: null, backup: null });
    }
    // nothing moved or copied (a read-only look may leave SQLite's own -wal/-shm side files)
    expect(readdirSync(folder.dir).filter((n) => !/-(wal|shm)$/.test(n)).sort()).toEqual(['empty.db', 'healthy.db']);
  });

  it('a database from a newer Neural Lab is refused and left exactly as it was', async () => {
    const dbPath = folder.file('lab.db');
    writeLabDatabase(dbPath);
    const db = new Database(dbPath);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = readFileSync(dbPath);
    await expect(startTestLab(dbPath)).rejects.toThrow(StoreError);
    await expect(startTestLab(dbPath)).rejects.toThrow(/written by a newer Neural Lab .* update the app/);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    expect(readdirSync(folder.dir)).toEqual(['lab.db']);
  });
});

describe('migrations', () => {
  it('back up the database (SQLite backup, timestamped, beside it) before upgrading it', async () => {
    const dbPath = folder.file('lab.db');
    writeLabDatabase(dbPath, 1);
    lab = await startTestLab(dbPath);
    const info = await inProcessClient(lab.router).getAppInfo();
    if (!info.ok) throw new Error(info.error.message);
    const { notices } = info.value;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'database-backed-up', level: 'info' });
    expect(notices[0].path).toMatch(/lab\.db\.backup-v1-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    // the copy is the database as it was: schema 1, every row
    const backup = new Database(notices[0].path, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT COUNT(*) AS n FROM metrics').get()).toEqual({ n: 3000 });
    expect(backup.prepare("SELECT name FROM sqlite_master WHERE name = 'exports'").all()).toEqual([]);
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    backup.close();
    // the database itself is upgraded, its data intact
    const runs = await inProcessClient(lab.router).listRuns({});
    if (!runs.ok) throw new Error(runs.error.message);
    expect(runs.value.runs.map((r) => r.name)).toEqual(['old run']);
    await lab.close();
    lab = null;
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
    // already current: no second backup
    lab = await startTestLab(dbPath);
    expect(readdirSync(folder.dir).filter((n) => n.includes('.backup-'))).toHaveLength(1);
  });

  it('a store opened after prepareDatabase reads the upgraded data', async () => {
    const dbPath = folder.file('lab.db');
    writeLabDatabase(dbPath, 1);
    const prepared = await prepareDatabase(dbPath);
    expect(prepared.backup).not.toBeNull();
    const store = new LabStore(dbPath);
    expect(store.metricSeries(1, 'batch', 'loss', 10).total).toBe(3000);
    store.close();
  });
});

describe('the CLI', () => {
  it('refuses to record into another program\'s database and leaves it byte for byte as it was', async () => {
    const dbPath = folder.file('contacts.sqlite');
    const foreign = new Database(dbPath);
    foreign.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');");
    foreign.pragma('journal_mode = DELETE');
    foreign.close();
    const before = readFileSync(dbPath);
    const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(repoRoot, 'src-main/cli/lab.ts'), 'train', '--toy', 'spiral', '--epochs', '1', '--db', dbPath], { cwd: repoRoot })
      .then(() => ({ code: 0, stderr: '' }), (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/cannot be used as a Neural Lab database: it is another program's SQLite database/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    expect(readdirSync(folder.dir)).toEqual(['contacts.sqlite']);
  });
});
