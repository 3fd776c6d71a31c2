/**
 * Crash rounds: a child process running the lab's real services (fixtures/lab-child.ts)
 * is SIGKILLed in the middle of training, an import or an export, then the parent checks
 * what it left. Used by test/reliability/crash.test.ts (a few rounds) and
 * scripts/soak-crash.ts (as many as you like).
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import { readModelFile } from '../../src-main/models';
import { Rng } from '../../src-shared/random';
import type { RunRecord, RunStatus } from '../../src-shared/training/records';
import { checkDatabaseFile, repoRoot, SETTLED_STATUSES, startTestLab } from './helpers';

const childScript = join(repoRoot, 'test', 'reliability', 'fixtures', 'lab-child.ts');

export interface Child {
  lines: string[];
  process: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
  /** resolves at the first line `match` accepts; rejects if the child exits or errs first */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  kill(): Promise<NodeJS.Signals | number | null>;
}

export function spawnChild(args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiters) wake();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => {
    resolve(signal ?? code);
    for (const wake of waiters) wake();
  }));
  return {
    lines,
    process: child,
    exited,
    waitForLine(match, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(() => reject(new Error(`child: no matching line within ${timeoutMs} ms; last lines: ${lines.slice(-3).join(' | ')}; stderr: ${stderr.slice(-500)}`))), timeoutMs);
        const finish = (then: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          then();
        };
        const check = () => {
          const error = lines.find((l) => l.startsWith('error '));
          if (error) return finish(() => reject(new Error(`child failed: ${error}; stderr: ${stderr.slice(-500)}`)));
          const found = lines.find(match);
          if (found !== undefined) return finish(() => resolve(found));
          if (child.exitCode !== null || child.signalCode !== null) {
            finish(() => reject(new Error(`child exited (${child.exitCode ?? child.signalCode}) before a matching line; last lines: ${lines.slice(-3).join(' | ')}; stderr: ${stderr.slice(-500)}`)));
          }
        };
        waiters.add(check);
        check();
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the next start finds in a database a crash left. */
export interface AfterCrash {
  integrity: string;
  brokenReferences: number;
  /** start-up notices (a healthy database that crashed must not be set aside) */
  notices: unknown[];
  runs: RunRecord[];
  /** runs that are neither finished nor able to go on */
  unsettled: string[];
}

/**
 * Opens the database the way the app does after a crash (prepareDatabase + recover), and
 * describes it. `resume`: every interrupted or paused run is resumed and must train on
 * (one progress event past its last checkpoint) before the lab closes again.
 */
export async function inspectAfterCrash(dbPath: string, options: { resume?: boolean } = {}): Promise<AfterCrash> {
  const file = checkDatabaseFile(dbPath);
  // room for every resumed run at once: each must show it trains on, not wait for a slot
  const lab = await startTestLab(dbPath, { maxConcurrentRuns: 12 });
  try {
    const info = await lab.router.invoke('getAppInfo', {}, { transport: 'web' });
    const notices = info.ok ? (info.value as { notices: unknown[] }).notices : [info.error];
    const runs = lab.store.listRuns({ sort: 'createdAt', descending: false });
    const unsettled: string[] = [];
    for (const run of runs) {
      if (!SETTLED_STATUSES.includes(run.status) && !lab.training.snapshot().training.includes(run.id)) unsettled.push(`run ${run.id} is ${run.status}`);
      if ((run.status === 'failed' || run.status === 'interrupted') && !run.error) unsettled.push(`run ${run.id} is ${run.status} without a reason`);
      const last = lab.store.latestCheckpoint(run.id);
      if (last && last.step > run.stepsDone) unsettled.push(`run ${run.id}: checkpoint at step ${last.step} but steps_done ${run.stepsDone}`);
    }
    if (options.resume) {
      const resumable = runs.filter((r) => r.status === 'interrupted' || r.status === 'paused');
      const movedOn = resumable.map((run) => {
        const from = lab.store.latestCheckpoint(run.id)?.step ?? 0;
        return new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`resumed run ${run.id} did not train on within 60 s`)), 60_000);
          const off = lab.router.subscribe((event, payload) => {
            const p = payload as { runId: number; step?: number; status?: RunStatus };
            if (p.runId !== run.id) return;
            if ((event === 'runProgress' && (p.step ?? 0) > from) || (event === 'runFinished' && p.status === 'done')) {
              clearTimeout(timer);
              off();
              resolve();
            }
          });
        });
      });
      for (const run of resumable) {
        const resumed = await lab.router.invoke('resumeRun', { id: run.id }, { transport: 'web' });
        if (!resumed.ok) unsettled.push(`run ${run.id} (${run.status}) cannot be resumed: ${resumed.error.message}`);
      }
      await Promise.all(movedOn);
    }
    return { ...file, notices, runs, unsettled };
  } finally {
    await lab.close();
  }
}

// ── training ──────────────────────────────────────────────────────────────────────

/** Starts the training child on `dbPath` and kills it once `progressLines` progress lines (plus a few random ms) have passed. */
export async function killDuringTraining(dbPath: string, rng: Rng): Promise<{ killedAfter: number; signal: unknown }> {
  const child = spawnChild([dbPath, 'train']);
  const progressLines = 5 + rng.int(40);
  let signal: unknown;
  try {
    await child.waitForLine(() => child.lines.filter((l) => l.startsWith('progress ')).length >= progressLines, 90_000);
    await sleep(rng.int(30));
  } finally {
    signal = await child.kill();
  }
  return { killedAfter: progressLines, signal };
}

// ── import ────────────────────────────────────────────────────────────────────────

/** `classes` × `perClass` distinct PNGs of 48×48, written with sharp. */
export async function writeImageFolder(root: string, classes: number, perClass: number, seed = 1): Promise<void> {
  const rng = new Rng(seed);
  for (let c = 0; c < classes; c++) {
    const dir = join(root, `class-${c}`);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < perClass; i++) {
      const pixels = Buffer.alloc(48 * 48 * 3);
      for (let p = 0; p < pixels.length; p++) pixels[p] = rng.int(256);
      await sharp(pixels, { raw: { width: 48, height: 48, channels: 3 } }).png({ compressionLevel: 0 }).toFile(join(dir, `${i}.png`));
    }
  }
}

/** Kills the import child after it has decoded `done` (random) of the folder's files. */
export async function killDuringImport(dbPath: string, folder: string, cacheDir: string, rng: Rng, total: number): Promise<{ killedAt: number; signal: unknown }> {
  const child = spawnChild([dbPath, 'import', folder, cacheDir]);
  const at = 1 + rng.int(Math.max(1, total - 2));
  let killedAt: number;
  let signal: unknown;
  try {
    const line = await child.waitForLine((l) => {
      const m = /^import decoding (\d+)\/\d+$/.exec(l);
      return (m !== null && Number(m[1]) >= at) || l.startsWith('imported ');
    }, 90_000);
    killedAt = Number(/(\d+)\//.exec(line)?.[1] ?? total);
    await sleep(rng.int(10));
  } finally {
    signal = await child.kill();
  }
  return { killedAt, signal };
}

/** Cache entries must be whole: every pixel file of the cache has the size of one image. */
export function cacheProblems(cacheDir: string, entryBytes: number): { problems: string[]; entries: number; temporaries: number } {
  const problems: string[] = [];
  let entries = 0;
  let temporaries = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.tmp')) temporaries++;
      else if (entry.name.endsWith('.u8')) {
        entries++;
        if (statSync(path).size !== entryBytes) problems.push(`${path}: ${statSync(path).size} bytes, not ${entryBytes}`);
      } else if (entry.name.endsWith('.json')) {
        try {
          JSON.parse(readFileSync(path, 'utf8'));
        } catch (error) {
          problems.push(`${path}: ${(error as Error).message}`);
        }
      }
    }
  };
  walk(cacheDir);
  return { problems, entries, temporaries };
}

// ── export ────────────────────────────────────────────────────────────────────────

/** Kills the export child after `exports` (random) complete exports, a few ms into the next. */
export async function killDuringExport(dbPath: string, runId: number, outFolder: string, rng: Rng): Promise<{ killedAfter: number; signal: unknown }> {
  const child = spawnChild([dbPath, 'export', String(runId), outFolder]);
  const exports = 1 + rng.int(6);
  let signal: unknown;
  try {
    await child.waitForLine((l) => l.startsWith(`exported ${exports} `), 90_000);
    await sleep(rng.int(40));
  } finally {
    signal = await child.kill();
  }
  return { killedAfter: exports, signal };
}

/** Every model file in `folder` must read back whole; temporaries are counted. */
export async function exportProblems(folder: string): Promise<{ problems: string[]; files: number; temporaries: number }> {
  const problems: string[] = [];
  let files = 0;
  let temporaries = 0;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (name.endsWith('.tmp')) {
      temporaries++;
      continue;
    }
    files++;
    try {
      if (name.endsWith('.json') || name.endsWith('.onnx')) await readModelFile(path);
      else if (name.endsWith('.safetensors')) checkSafetensors(readFileSync(path));
      else if (name.endsWith('.py')) {
        if (!readFileSync(path, 'utf8').includes('nn.Sequential')) problems.push(`${name}: not the PyTorch snippet`);
      } else problems.push(`${name}: unexpected file`);
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
    }
  }
  return { problems, files, temporaries };
}

/** A safetensors file is whole when its header parses and its tensors end exactly at the end of the file. */
function checkSafetensors(bytes: Buffer): void {
  if (bytes.length < 8) throw new Error('shorter than its header length');
  const headerLength = Number(bytes.readBigUInt64LE(0));
  if (8 + headerLength > bytes.length) throw new Error('header runs past the end');
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8')) as Record<string, { data_offsets?: [number, number] }>;
  const end = Math.max(...Object.values(header).map((t) => t.data_offsets?.[1] ?? 0));
  if (8 + headerLength + end !== bytes.length) throw new Error(`tensors end at ${8 + headerLength + end}, file is ${bytes.length} bytes`);
}
