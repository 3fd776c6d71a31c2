/**
 * Shared by the reliability tests: temp folders, a lab started the way the app starts it,
 * and checks of a database left behind by a crash.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { startLab, type Lab } from '../../src-main/api/lab';
import type { RunStatus } from '../../src-shared/training/records';

export const repoRoot = resolve(import.meta.dirname, '..', '..');

export interface TempFolder {
  dir: string;
  file(name: string): string;
  cleanup(): void;
}

export function tempFolder(prefix: string): TempFolder {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The real services on `dbPath`, as web mode starts them (no dialogs). */
export function startTestLab(dbPath: string, options: { maxConcurrentRuns?: number; cacheDir?: string | null } = {}): Promise<Lab> {
  return startLab({ mode: 'web', appRoot: repoRoot, dbPath, cacheDir: options.cacheDir ?? null, maxConcurrentRuns: options.maxConcurrentRuns ?? 1 });
}

/** PRAGMA integrity_check and foreign_key_check of a database file, opened fresh. */
export function checkDatabaseFile(path: string): { integrity: string; brokenReferences: number } {
  const db = new Database(path);
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const brokenReferences = (db.pragma('foreign_key_check') as unknown[]).length;
    return { integrity, brokenReferences };
  } finally {
    db.close();
  }
}

/** What a run may be after a crash and the next start's recovery: ended, or able to go on. */
export const SETTLED_STATUSES: readonly RunStatus[] = ['done', 'cancelled', 'failed', 'diverged', 'interrupted', 'paused', 'queued'];

/** Reads one line at a time from a child's stdout; resolves on the first line `match` accepts. */
export function lineMatching(lines: string[], match: (line: string) => boolean, timeoutMs: number, what: string): Promise<string> {
  const started = Date.now();
  return new Promise((resolveLine, reject) => {
    const poll = () => {
      const found = lines.find(match);
      if (found !== undefined) return resolveLine(found);
      if (Date.now() - started > timeoutMs) return reject(new Error(`no ${what} within ${timeoutMs} ms; got: ${lines.slice(-5).join(' | ')}`));
      setTimeout(poll, 10);
    };
    poll();
  });
}
