import type Database from 'better-sqlite3';

/**
 * Schema history. Migration `n` takes a database at `PRAGMA user_version = n − 1` to `n`.
 * Never edit a migration that has shipped: add the next one. Each runs in one transaction
 * with foreign keys off (so tables can be rebuilt) and is followed by a foreign key check.
 */
export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'datasets, experiments, runs, metrics, checkpoints',
    up(db) {
      db.exec(`
        CREATE TABLE datasets (
          id           INTEGER PRIMARY KEY,
          name         TEXT    NOT NULL,
          source       TEXT    NOT NULL,
          options      TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
          content_hash TEXT,
          report       TEXT    CHECK (report IS NULL OR json_valid(report)),
          created_at   INTEGER NOT NULL
        );
        CREATE INDEX datasets_source ON datasets(source);

        CREATE TABLE experiments (
          id         INTEGER PRIMARY KEY,
          name       TEXT    NOT NULL,
          notes      TEXT    NOT NULL DEFAULT '',
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );

        CREATE TABLE experiment_tags (
          experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
          tag           TEXT    NOT NULL,
          PRIMARY KEY (experiment_id, tag)
        ) WITHOUT ROWID;
        CREATE INDEX experiment_tags_tag ON experiment_tags(tag);

        CREATE TABLE runs (
          id            INTEGER PRIMARY KEY,
          experiment_id INTEGER REFERENCES experiments(id) ON DELETE CASCADE,
          name          TEXT    NOT NULL DEFAULT '',
          config        TEXT    NOT NULL CHECK (json_valid(config)),
          seed          INTEGER NOT NULL,
          dataset_id    INTEGER REFERENCES datasets(id) ON DELETE RESTRICT,
          data          TEXT    NOT NULL CHECK (json_valid(data)),
          split         TEXT    NOT NULL CHECK (json_valid(split)),
          app_version   TEXT    NOT NULL,
          origin        TEXT    NOT NULL DEFAULT 'app' CHECK (origin IN ('app', 'cli')),
          status        TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'paused', 'done', 'cancelled', 'failed', 'diverged', 'interrupted')),
          twin_group    TEXT,
          owner_pid     INTEGER,
          epochs_done   INTEGER NOT NULL DEFAULT 0,
          steps_done    INTEGER NOT NULL DEFAULT 0,
          error         TEXT,
          created_at    INTEGER NOT NULL,
          started_at    INTEGER,
          finished_at   INTEGER,
          updated_at    INTEGER NOT NULL,
          train_seconds REAL    NOT NULL DEFAULT 0
        );
        CREATE INDEX runs_experiment ON runs(experiment_id);
        CREATE INDEX runs_dataset ON runs(dataset_id);
        CREATE INDEX runs_status ON runs(status);
        CREATE INDEX runs_twin_group ON runs(twin_group) WHERE twin_group IS NOT NULL;

        -- One row per (run, split, metric, step); clustered so a series is one range scan.
        CREATE TABLE metrics (
          run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          split  TEXT    NOT NULL CHECK (split IN ('batch', 'train', 'val', 'test')),
          name   TEXT    NOT NULL,
          step   INTEGER NOT NULL,
          epoch  INTEGER NOT NULL,
          value  REAL,
          PRIMARY KEY (run_id, split, name, step)
        ) WITHOUT ROWID;

        CREATE TABLE checkpoints (
          id         INTEGER PRIMARY KEY,
          run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          epoch      INTEGER NOT NULL,
          step       INTEGER NOT NULL,
          reason     TEXT    NOT NULL CHECK (reason IN ('epoch', 'pause', 'final')),
          state      BLOB    NOT NULL,
          created_at INTEGER NOT NULL,
          UNIQUE (run_id, step)
        );
      `);
    },
  },
  {
    version: 2,
    description: 'exports; last-epoch summary columns on runs for sorting',
    up(db) {
      db.exec(`
        CREATE TABLE exports (
          id            INTEGER PRIMARY KEY,
          run_id        INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          checkpoint_id INTEGER REFERENCES checkpoints(id) ON DELETE SET NULL,
          format        TEXT    NOT NULL CHECK (format IN ('json', 'onnx', 'safetensors')),
          path          TEXT    NOT NULL,
          bytes         INTEGER,
          created_at    INTEGER NOT NULL
        );
        CREATE INDEX exports_run ON exports(run_id);
        CREATE INDEX exports_checkpoint ON exports(checkpoint_id);

        ALTER TABLE runs ADD COLUMN train_loss     REAL;
        ALTER TABLE runs ADD COLUMN train_accuracy REAL;
        ALTER TABLE runs ADD COLUMN val_loss       REAL;
        ALTER TABLE runs ADD COLUMN val_accuracy   REAL;
      `);
      // Runs recorded before this version: take the summary from their last epoch metrics.
      for (const [column, split, name] of [
        ['train_loss', 'train', 'loss'],
        ['train_accuracy', 'train', 'accuracy'],
        ['val_loss', 'val', 'loss'],
        ['val_accuracy', 'val', 'accuracy'],
      ] as const) {
        db.exec(`
          UPDATE runs SET ${column} = (
            SELECT value FROM metrics m
            WHERE m.run_id = runs.id AND m.split = '${split}' AND m.name = '${name}'
            ORDER BY m.step DESC LIMIT 1
          )
        `);
      }
    },
  },
  {
    version: 3,
    description: 'replay (provenance, course changes, re-run of) on runs; sweeps and their cells',
    up(db) {
      db.exec(`
        ALTER TABLE runs ADD COLUMN provenance TEXT CHECK (provenance IS NULL OR json_valid(provenance));
        ALTER TABLE runs ADD COLUMN course     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(course));
        ALTER TABLE runs ADD COLUMN replay_of  INTEGER REFERENCES runs(id) ON DELETE SET NULL;
        CREATE INDEX runs_replay_of ON runs(replay_of) WHERE replay_of IS NOT NULL;

        CREATE TABLE sweeps (
          id            INTEGER PRIMARY KEY,
          experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
          name          TEXT    NOT NULL,
          base_run_id   INTEGER REFERENCES runs(id) ON DELETE SET NULL,
          axes          TEXT    NOT NULL CHECK (json_valid(axes)),
          metric        TEXT    NOT NULL CHECK (metric IN ('valAccuracy', 'zeroFraction')),
          created_at    INTEGER NOT NULL
        );
        CREATE INDEX sweeps_experiment ON sweeps(experiment_id);

        CREATE TABLE sweep_cells (
          sweep_id INTEGER NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
          i        INTEGER NOT NULL,
          j        INTEGER NOT NULL,
          run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          PRIMARY KEY (sweep_id, i, j)
        ) WITHOUT ROWID;
        CREATE INDEX sweep_cells_run ON sweep_cells(run_id);
      `);
    },
  },
  {
    version: 4,
    description: 'checkpoint history: float16 weights snapshots beside the full state (kept only for the latest)',
    up(db) {
      // A history row's `state` becomes empty (x'') once a later checkpoint holds the
      // resumable state; its `snapshot` keeps the weights for the epoch scrubbers. Rows from
      // before this version keep their full state and have no snapshot.
      db.exec('ALTER TABLE checkpoints ADD COLUMN snapshot BLOB');
    },
  },
  {
    version: 5,
    description: 'image runs keep their model input (class names, preprocessing, fitted normalisation); run owners get a start time and a heartbeat',
    up(db) {
      // `run_inputs` lets a run's model predict and export without its dataset folder (its own
      // table: a mean image is tens of kB, which every runs list would read as a column); runs
      // from before this version get a row the first time their folder is read (modelFromRun).
      // `owner_started` tells a reused process id from the owner itself; `heartbeat_at` is
      // refreshed by the owner every second, so a dead owner shows within seconds.
      db.exec(`
        CREATE TABLE run_inputs (
          run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
          input  TEXT    NOT NULL CHECK (json_valid(input))
        );
        ALTER TABLE runs ADD COLUMN owner_started TEXT;
        ALTER TABLE runs ADD COLUMN heartbeat_at  INTEGER;
      `);
    },
  },
  {
    version: 6,
    description: 'run summaries keep the data loss and the penalty λR(W) apart; split sizes and majority baselines',
    up(db) {
      // train_loss / val_loss held data loss + penalty, while live numbers were the data loss
      // alone: an L1 run's loss jumped when it paused. The summary now holds what it says.
      db.exec(`
        ALTER TABLE runs RENAME COLUMN train_loss TO train_data_loss;
        ALTER TABLE runs RENAME COLUMN val_loss TO val_data_loss;
        ALTER TABLE runs ADD COLUMN train_penalty REAL;
        ALTER TABLE runs ADD COLUMN splits TEXT;
      `);
      const last = (split: string, name: string) =>
        `(SELECT value FROM metrics m WHERE m.run_id = runs.id AND m.split = '${split}' AND m.name = '${name}' ORDER BY m.step DESC LIMIT 1)`;
      db.exec(`UPDATE runs SET train_data_loss = ${last('train', 'dataLoss')}, train_penalty = ${last('train', 'regLoss')}, val_data_loss = ${last('val', 'dataLoss')}`);
    },
  },
  {
    version: 7,
    description: 'ids are never reused: runs, experiments, checkpoints, datasets, exports and sweeps count up with AUTOINCREMENT',
    up(db) {
      // Without AUTOINCREMENT SQLite gives a new row the largest id + 1, so deleting the newest
      // run and starting another handed out its id again, and caches keyed by ids (models by
      // run and checkpoint, evaluations, the renderer's per-run state, a CLI user's `lab show N`)
      // served the deleted run. SQLite cannot add AUTOINCREMENT to a table: each is rebuilt
      // (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema
      // Changes") with its columns in the same order, its constraints and its indexes; the copy
      // keeps every id and sets sqlite_sequence to the largest. References from other tables
      // name the table, so they hold again once the new one takes the old name (foreign keys
      // are off during migrations; `migrate` checks them after). No view refers to them.
      //
      // Checkpoints are rebuilt too, although they hold the blobs: a checkpoint id alone is not
      // safe to cache by even under a run that is never reused, because a resume deletes the
      // run's checkpoints after its resume point (CheckpointRepository.deleteAfter) and the
      // next save of the same run would take the deleted id back, with other weights. Copying
      // costs writing the checkpoints once more, at the first start of this version (200 MB:
      // about 3 s on 2 busy cores, three times the backup taken before any upgrade; `npm run
      // bench:migration`); `rebuildWithAutoincrement` copies them a row at a time and frees
      // each old row at once, so the file grows by about one checkpoint, not by all of them.
      for (const table of ['datasets', 'experiments', 'runs', 'checkpoints', 'exports', 'sweeps']) rebuildWithAutoincrement(db, table);
    },
  },
  {
    version: 8,
    description: 'stored JSON spells normalization the American way, as the code does (one spelling)',
    up(db) {
      // Image runs' `data` and their kept model input said `normalisation`. Only the key
      // moves; its value (a kind, or the fitted statistics) is kept as it is. `->` hands
      // json_set JSON, not text, so an object stays an object. Model files and form drafts
      // outside the database are read with the old key too (src-shared/renamed-keys.ts).
      for (const [table, column] of [['runs', 'data'], ['run_inputs', 'input']] as const) {
        db.exec(`
          UPDATE ${table} SET ${column} = json_remove(json_set(${column}, '$.normalization', ${column} -> '$.normalisation'), '$.normalisation')
          WHERE json_type(${column}, '$.normalisation') IS NOT NULL
        `);
      }
    },
  },
];

/**
 * Rebuilds `table` with AUTOINCREMENT on its `id INTEGER PRIMARY KEY`, keeping every row
 * and id, its columns in their order, its constraints, indexes and triggers: its own CREATE
 * statements, read back from sqlite_master (the later migrations' ALTER TABLEs are folded into
 * them), under a temporary name, renamed at the end, as SQLite's procedure for schema changes
 * says. The copy goes a row at a time, deleting each old row as it is copied, so a table of
 * large blobs (checkpoints) needs room for about one more row, not for a second copy of
 * itself. Foreign keys must be off (`migrate`).
 */
function rebuildWithAutoincrement(db: Database.Database, table: string): void {
  // With foreign keys on, deleting the old rows would cascade to every table that refers to them.
  if (db.pragma('foreign_keys', { simple: true }) !== 0) throw new Error(`cannot rebuild ${table} with foreign keys on`);
  const schema = db.prepare('SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL').all(table) as { type: string; sql: string }[];
  const create = schema.find((entry) => entry.type === 'table')!.sql;
  const building = `${table}_autoincrement`;
  const key = /^(CREATE TABLE "?\w+"? \(\s*id\s+INTEGER PRIMARY KEY)(\s*,)/;
  if (!key.test(create)) throw new Error(`${table} does not start with an id INTEGER PRIMARY KEY column: ${create}`);
  db.exec(create.replace(key, '$1 AUTOINCREMENT$2').replace(/^CREATE TABLE "?\w+"?/, `CREATE TABLE ${building}`));
  const columns = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).join(', ');
  const ids = db.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck();
  const copy = db.prepare(`INSERT INTO ${building} (${columns}) SELECT ${columns} FROM ${table} WHERE id = ?`);
  const drop = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  for (const id of ids.all()) {
    copy.run(id);
    drop.run(id);
  }
  db.exec(`DROP TABLE ${table}; ALTER TABLE ${building} RENAME TO ${table};`);
  for (const { sql } of schema.filter((entry) => entry.type === 'index' || entry.type === 'trigger')) db.exec(sql);
}

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
