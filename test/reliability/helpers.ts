/**
 * Shared by the reliability tests: temp folders, a lab started the way the app starts it,
 * and checks of a database left behind by a crash.
 */

import { spawn } from 'node:child_process';
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

/**
 * The highest resident set size of this process while `work` runs (sampled every 20 ms),
 * with `work`'s result. The issue's bound: every hostile case stays under 1 GB.
 */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakBytes: number }> {
  let peakBytes = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peakBytes = Math.max(peakBytes, process.memoryUsage.rss());
  }, 20);
  try {
    const value = await work();
    peakBytes = Math.max(peakBytes, process.memoryUsage.rss());
    return { value, peakBytes };
  } finally {
    clearInterval(timer);
  }
}

export const GIB = 2 ** 30;

/** Runs `lab …` (the CLI through tsx) in a child process, killed after `timeoutMs`. */
export function runLab(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/lab.ts', ...args], { cwd: repoRoot, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}
