/**
 * Issue 15, failure 13: messages that said nothing useful.
 *
 * - A full disk during a folder import was code `internal`, after decoding every image.
 *   Now the import is refused before decoding, naming the database and what to do.
 * - A database with a zeroed page was "it is damaged: *** in database main ***". Now the
 *   notice says which page and what is wrong with it, without SQLite's banner.
 * - A 1 GiB ASCII model file was "not UTF-8 text" (the text was too long for a string).
 *   Now it is refused by size before reading, naming the limit.
 */

import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelFile } from '../../src-main/models';
import { LIMITS } from '../../src-shared/limits';
import { tinyDisk, type TinyDisk } from './disk';
import { GIB, startTestLab, tempFolder, withPeakRss, type TempFolder } from './helpers';

let folder: TempFolder;
beforeAll(() => {
  folder = tempFolder('nl-messages-');
});
afterAll(() => folder.cleanup());

describe('a full disk during a folder import', () => {
  let disk: TinyDisk | { unavailable: string };
  beforeAll(() => {
    disk = tinyDisk(folder.file('tiny'), 2048);
  });
  afterAll(() => {
    if ('release' in disk) disk.release();
  });

  it('is refused before decoding, naming the database (not `internal`)', async (context) => {
    if (!('mode' in disk) || disk.mode !== 'tmpfs') {
      context.skip(`needs a tmpfs mount: ${'unavailable' in disk ? disk.unavailable : 'only a file size limit here'}`);
      return;
    }
    const images = folder.file('images');
    for (const cls of ['a', 'b']) {
      mkdirSync(join(images, cls), { recursive: true });
      for (let i = 0; i < 5; i++) await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: i * 40, g: cls === 'a' ? 0 : 200, b: 0 } } }).png().toFile(join(images, cls, `${i}.png`));
    }
    const dbPath = join(disk.dir, 'lab.db');
    const lab = await startTestLab(dbPath);
    try {
      // fill what is left of the 2 MB disk
      const filler = openSync(join(disk.dir, 'filler'), 'w');
      try {
        for (;;) writeSync(filler, Buffer.alloc(64 * 1024));
      } catch {
        // ENOSPC: the disk is full
      } finally {
        closeSync(filler);
      }
      const phases: string[] = [];
      const stop = lab.router.subscribe((event, payload) => {
        if (event === 'importProgress') phases.push((payload as { phase: string }).phase);
      });
      const answer = await lab.router.invoke('importFolder', { jobId: 'full', path: images }, { transport: 'web' });
      stop();
      expect(answer.ok ? 'imported' : answer.error.code).toBe('failed');
      if (!answer.ok) expect(answer.error.message).toMatch(new RegExp(`^not enough disk space to record a dataset in ${dbPath}: \\d+ KB free, the import needs at least 4 MB; free some space, then import again \\(nothing was decoded\\)$`));
      expect(phases.filter((p) => p === 'decoding')).toEqual([]);
    } finally {
      await lab.close();
    }
  }, 60_000);
});

describe('a database with a zeroed page', () => {
  it('is set aside with a notice that names the page, without SQLite\'s banner', async () => {
    const dbPath = folder.file('zeroed.db');
    const first = await startTestLab(dbPath);
    for (let i = 0; i < 40; i++) {
      const created = await first.router.invoke('createExperiment', { name: `experiment ${i} ${'x'.repeat(150)}`, notes: 'n'.repeat(5000) }, { transport: 'web' });
      expect(created.ok).toBe(true);
    }
    await first.close();
    // the experiments table's root page (with incremental auto-vacuum the first pages after
    // the schema are pointer maps, so a fixed page number would not be a table page)
    const schema = new Database(dbPath, { readonly: true });
    const page = (schema.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'experiments'").get() as { rootpage: number }).rootpage;
    schema.close();
    const bytes = readFileSync(dbPath);
    const pageSize = bytes.readUInt16BE(16);
    expect(bytes.length).toBeGreaterThan(page * pageSize);
    bytes.fill(0, (page - 1) * pageSize, page * pageSize);
    writeFileSync(dbPath, bytes);

    const lab = await startTestLab(dbPath);
    try {
      const info = await lab.router.invoke('getAppInfo', {}, { transport: 'web' });
      if (!info.ok) throw new Error(info.error.message);
      const [notice] = (info.value as { notices: { message: string }[] }).notices;
      expect(notice.message).not.toMatch(/\*\*\*|btreeInitPage|error code/);
      expect(notice.message).toMatch(new RegExp(`it is damaged \\(page ${page} is not a valid table page(, and \\d+ more problems?)?, found by SQLite's check\\)`));
    } finally {
      await lab.close();
    }
  }, 60_000);
});

describe('a 1 GiB model file', () => {
  it('is refused by its size before reading, naming the limit, under 1 GB', async () => {
    const path = folder.file('huge.json');
    const fd = openSync(path, 'w');
    writeSync(fd, '{"format":"neural-lab-model","name":"');
    ftruncateSync(fd, GIB); // sparse: the refusal must come from the size, before any of it is read
    closeSync(fd);
    const { value, peakBytes } = await withPeakRss(() => readModelFile(path).then(() => 'read', (error: Error) => error.message));
    expect(value).toBe(`${path} is larger than ${LIMITS.modelFileBytes / 2 ** 20} MB, the limit for a model file`);
    expect(peakBytes).toBeLessThan(GIB);
  });
});
