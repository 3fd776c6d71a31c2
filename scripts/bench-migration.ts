/**
 * Migration benchmark: what the first start of a version that upgrades the database costs
 * for a lab with many checkpoints. Builds a database at schema 6 holding `--mb` MB of
 * checkpoints (1 MB each: a full state and a float16 snapshot, five per run), then, side by
 * side on copies of it: the backup the app takes before any upgrade (src-main/store/recovery.ts)
 * and the upgrade itself (migration 7 rebuilds the checkpoints table, see
 * src-main/store/migrations.ts). Prints both times, their ratio, and the file sizes: the
 * upgrade should leave the database about as large as it was.
 *
 *   npm run bench:migration [-- --mb 200]
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openDatabase } from '../src-main/store';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '200' } } });
const checkpoints = Number(values.mb);
if (!Number.isInteger(checkpoints) || checkpoints < 1) throw new Error(`--mb must be a whole number of megabytes, got ${values.mb}`);
const folder = mkdtempSync(join(tmpdir(), 'lab-bench-migration-'));
const megabytes = (path: string) => ((statSync(path, { throwIfNoEntry: false })?.size ?? 0) / 2 ** 20).toFixed(1);

try {
  const source = join(folder, 'schema6.db');
  const db = openDatabase(source, { version: 6 });
  const now = Date.now();
  db.prepare("INSERT INTO experiments (id, name, created_at, updated_at) VALUES (1, 'bench', ?, ?)").run(now, now);
  const run = db.prepare("INSERT INTO runs (experiment_id, config, seed, data, split, app_version, status, created_at, updated_at) VALUES (1, '{}', 1, '{}', '{}', 'bench', 'done', ?, ?)");
  const save = db.prepare("INSERT INTO checkpoints (run_id, epoch, step, reason, state, snapshot, created_at) VALUES (?, ?, ?, 'epoch', ?, ?, ?)");
  db.transaction(() => {
    let runId = 0;
    for (let i = 0; i < checkpoints; i++) {
      if (i % 5 === 0) runId = Number(run.run(now, now).lastInsertRowid);
      save.run(runId, i % 5, (i % 5) * 100, randomBytes(2 ** 19), randomBytes(2 ** 19), now);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();

  const backupCopy = join(folder, 'backup-source.db');
  const upgradeCopy = join(folder, 'upgrade.db');
  copyFileSync(source, backupCopy);
  copyFileSync(source, upgradeCopy);

  const backupStart = performance.now();
  const backupDb = new Database(backupCopy);
  await backupDb.backup(join(folder, 'backup.db'));
  backupDb.close();
  const backupSeconds = (performance.now() - backupStart) / 1000;

  const upgradeStart = performance.now();
  const upgraded = openDatabase(upgradeCopy);
  const upgradeSeconds = (performance.now() - upgradeStart) / 1000;
  const walAfter = megabytes(`${upgradeCopy}-wal`);
  upgraded.close();

  console.log(`migration benchmark: schema 6 → 7, ${checkpoints} checkpoints of 1 MB`);
  console.log(`  database before ${megabytes(source)} MB, after ${megabytes(upgradeCopy)} MB (log ${walAfter} MB until its checkpoint)`);
  console.log(`  backup before upgrading ${backupSeconds.toFixed(2)} s, upgrade ${upgradeSeconds.toFixed(2)} s: ×${(upgradeSeconds / backupSeconds).toFixed(2)} the backup`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
