import type Database from 'better-sqlite3';
import { durably, StoreError } from './database';

/**
 * What every repository shares: one connection, its prepared statements (cached by SQL
 * text) and the two kinds of transaction. Repositories take this instead of the raw
 * connection, so statement caching and durability live in one place.
 */
export class Sql {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.statement(sql).run(...params);
  }

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  /**
   * One transaction (synchronous=NORMAL: survives a crash of the app). Nested calls join the outer one.
   * IMMEDIATE: it takes the write lock first, waiting up to busy_timeout; a deferred one that
   * read first would get SQLITE_BUSY at once when its write met another writer's lock.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** One transaction committed with synchronous=FULL: survives a power cut once it returns. */
  durably<T>(fn: () => T): T {
    return durably(this.db, fn);
  }
}

export function toUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** `record`, or a StoreError saying that `what` (e.g. "run 7") does not exist. */
export function existing<T>(record: T | null, what: string): T {
  if (record === null) throw new StoreError(`${what} does not exist`);
  return record;
}
