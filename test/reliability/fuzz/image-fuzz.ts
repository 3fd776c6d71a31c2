/**
 * Runs image mutants through the import's decoder one by one (each bounded in time), then
 * all of them through a real folder import, and says what went wrong if anything did:
 * an error that is not the import's own (a crash), a message that is not one clear line,
 * pixels of the wrong size, a case over its time bound, or an import report that does
 * not account for every file. Used by test/reliability/fuzz-images.test.ts and
 * scripts/fuzz-images.ts.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPreprocessing, type ImagePreprocessing } from '../../../src-shared/data/dataset';
import { DatasetError } from '../../../src-shared/data/errors';
import { importFolder } from '../../../src-main/datasets';
import { decodeImage, ImageSkip } from '../../../src-main/datasets/decode';
import { mutants, seedImages, type Mutant } from './image-mutants';

export interface ImageFuzzStats {
  tried: number;
  decoded: number;
  /** skip reason → count */
  skipped: Record<string, number>;
  slowestMs: number;
  slowest: string;
  /** files the folder import saw, imported and skipped */
  imported: { files: number; imported: number; skipped: number } | null;
  failures: string[];
}

const extension = { jpeg: 'jpg', png: 'png', webp: 'webp' } as const;

/** One clear line: no stack, no newline, not empty or a bare "Unknown error" or a label with nothing after it, not absurdly long. */
export function clearMessage(message: unknown): boolean {
  if (typeof message !== 'string') return false;
  const text = message.trim();
  return text !== '' && !text.includes('\n') && !/\bat .+:\d+:\d+/.test(text) && text.length < 500 && !/:$/.test(text) && !/(^|: )unknown error$/i.test(text);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)))]).finally(() => clearTimeout(timer));
}

export interface ImageFuzzOptions {
  cases: number;
  seed: number;
  /** where the folder import's files go (a class folder per format); null: skip the folder import */
  folder: string | null;
  /** per-case bound (ms) */
  caseTimeoutMs?: number;
  pre?: ImagePreprocessing;
  onProgress?: (done: number) => void;
}

export async function fuzzImages(options: ImageFuzzOptions): Promise<ImageFuzzStats> {
  const pre = options.pre ?? { ...defaultPreprocessing, width: 16, height: 16 };
  const bound = options.caseTimeoutMs ?? 10_000;
  const seeds = await seedImages(options.seed);
  const stats: ImageFuzzStats = { tried: 0, decoded: 0, skipped: {}, slowestMs: 0, slowest: '', imported: null, failures: [] };
  const written: Mutant[] = [];
  let n = 0;
  for (const mutant of mutants(seeds, options.cases, options.seed)) {
    n++;
    const name = `case-${n}.${extension[mutant.format]}`;
    const started = performance.now();
    const outcome = await withTimeout(decodeImage(mutant.bytes, name, pre).then((pixels) => ({ pixels }), (error: unknown) => ({ error })), bound);
    const ms = performance.now() - started;
    stats.tried++;
    if (ms > stats.slowestMs) {
      stats.slowestMs = ms;
      stats.slowest = mutant.recipe;
    }
    const fail = (why: string) => stats.failures.push(`case ${n} (${mutant.recipe}): ${why}`);
    if (outcome === 'timeout') fail(`no answer within ${bound} ms`);
    else if ('pixels' in outcome) {
      if (outcome.pixels.length !== pre.width * pre.height * pre.channels) fail(`decoded to ${outcome.pixels.length} bytes`);
      else stats.decoded++;
    } else if (outcome.error instanceof ImageSkip) {
      stats.skipped[outcome.error.reason] = (stats.skipped[outcome.error.reason] ?? 0) + 1;
      if (!clearMessage(outcome.error.message)) fail(`unclear message ${JSON.stringify(outcome.error.message)}`);
    } else {
      fail(`threw ${(outcome.error as Error)?.name}: ${(outcome.error as Error)?.message}`);
    }
    if (options.folder) written.push(mutant);
    options.onProgress?.(n);
  }

  if (options.folder) {
    // the same files through a real import: scan, sniff, decode in parallel, report
    written.forEach((mutant, i) => {
      const dir = join(options.folder!, mutant.format);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `case-${i + 1}.${extension[mutant.format]}`), mutant.bytes);
    });
    try {
      const result = await importFolder(options.folder, { width: pre.width, height: pre.height, channels: pre.channels, valFraction: 0 }, { cacheDir: null });
      const { report } = result;
      stats.imported = { files: report.filesSeen, imported: report.imported, skipped: report.skipped.length };
      if (report.filesSeen !== written.length) stats.failures.push(`import saw ${report.filesSeen} files of ${written.length}`);
      if (report.imported + report.skipped.length !== written.length) stats.failures.push(`import accounted for ${report.imported} + ${report.skipped.length} of ${written.length} files`);
      for (const skip of report.skipped) {
        if (!clearMessage(skip.detail)) stats.failures.push(`import: unclear reason for ${skip.path}: ${JSON.stringify(skip.detail)}`);
      }
      if (result.dataset.pixels.length !== report.imported * pre.width * pre.height * pre.channels) stats.failures.push('import: pixel array does not match the imported count');
    } catch (error) {
      // every class may have been emptied by the mutations: then a clear DatasetError is right
      if (!(error instanceof DatasetError) || !clearMessage(error.message)) stats.failures.push(`import threw ${(error as Error).name}: ${(error as Error).message}`);
    }
  }
  return stats;
}
