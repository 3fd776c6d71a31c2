/**
 * On-disk cache of decoded pixels. An entry is keyed by the file's content hash and the
 * preprocessing that produced it, so renaming or moving a file still hits, editing it or
 * changing size/fit/colour misses. Entries are written to a temporary name and renamed,
 * so concurrent imports (app and CLI) never see half an entry.
 *
 * Layout: <dir>/pixels-v1/<preprocessing key>/<hash[0..2]>/<hash>.u8 (raw bytes, H×W×C).
 *
 * Re-reading and hashing every file would dominate a cached import, so each imported
 * folder also remembers the hash of each file by its identity (inode, size, modification
 * and change times), the way git's index does: an unchanged file is not read at all.
 * Any write, rename over, chmod or touch changes ctime, so the file is hashed again.
 *
 * Layout: <dir>/file-hashes-v1/<hash of the folder's real path>.json
 */

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, type Stats } from 'node:fs';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ImageDataset, ImagePreprocessing } from '../../src-shared/data/dataset';

/** $XDG_CACHE_HOME/neural-lab, or ~/.cache/neural-lab: where the CLI caches unless told otherwise. */
export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.cache'), 'neural-lab');
}

/** Hash of what a model would see of a dataset: its size, class names, labels and pixels, in order. */
export function datasetHash(dataset: ImageDataset): string {
  const { width, height, channels, classNames, labels, pixels } = dataset;
  return createHash('sha256')
    .update(JSON.stringify({ width, height, channels, classNames }))
    .update(new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength))
    .update(pixels)
    .digest('hex');
}

/** Content hash of a file's bytes (hex). */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class PixelCache {
  private readonly dir: string;
  private readonly entryBytes: number;
  private readonly madeDirs = new Set<string>();
  /** first write error, if writing failed (read-only or full disk); import goes on without caching */
  writeError: string | null = null;

  constructor(root: string, pre: ImagePreprocessing) {
    // The decoder's version is part of the key: another libvips may resample differently.
    const key = createHash('sha256')
      .update(JSON.stringify({ pre: [pre.width, pre.height, pre.channels, pre.fit, pre.background], vips: sharp.versions.vips }))
      .digest('hex')
      .slice(0, 16);
    this.dir = join(root, 'pixels-v1', key);
    this.entryBytes = pre.width * pre.height * pre.channels;
  }

  private path(hash: string): string {
    return join(this.dir, hash.slice(0, 2), `${hash}.u8`);
  }

  /**
   * The cached pixels for content `hash`, or null (missing, unreadable or the wrong size).
   * Synchronous on purpose: entries are a few kB, and a blocking read of one costs ~10 µs
   * where a thread-pool round trip costs ~60 µs; it is most of a cached import's time.
   */
  get(hash: string): Uint8Array | null {
    try {
      const bytes = readFileSync(this.path(hash));
      return bytes.length === this.entryBytes ? bytes : null;
    } catch {
      return null;
    }
  }

  async put(hash: string, pixels: Uint8Array): Promise<void> {
    if (this.writeError) return;
    const target = this.path(hash);
    const folder = join(this.dir, hash.slice(0, 2));
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      if (!this.madeDirs.has(folder)) {
        await mkdir(folder, { recursive: true });
        this.madeDirs.add(folder);
      }
      await writeFile(temp, pixels);
      await rename(temp, target);
    } catch (err) {
      this.writeError = `cache not written to ${this.dir}: ${err instanceof Error ? err.message : String(err)}`;
      await unlink(temp).catch(() => undefined);
    }
  }
}

/** [ino, size, mtimeMs, ctimeMs, content hash] */
type HashRecord = [number, number, number, number, string];

/** Content hashes of a folder's files, remembered by file identity. */
export class FileHashMemo {
  private readonly path: string;
  private records: Record<string, HashRecord> = {};
  private readonly seen: Record<string, HashRecord> = {};

  constructor(cacheRoot: string, folderRealPath: string) {
    this.path = join(cacheRoot, 'file-hashes-v1', `${createHash('sha256').update(folderRealPath).digest('hex').slice(0, 24)}.json`);
  }

  async load(): Promise<void> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.path, 'utf8'));
      if (parsed && typeof parsed === 'object') this.records = parsed as Record<string, HashRecord>;
    } catch {
      this.records = {};
    }
  }

  /** The remembered hash of `rel` if the file still has the identity `st`, else null. */
  get(rel: string, st: Stats): string | null {
    const r = this.records[rel];
    if (!Array.isArray(r) || r.length !== 5) return null;
    return r[0] === st.ino && r[1] === st.size && r[2] === st.mtimeMs && r[3] === st.ctimeMs && typeof r[4] === 'string' ? r[4] : null;
  }

  set(rel: string, st: Stats, hash: string): void {
    this.seen[rel] = [st.ino, st.size, st.mtimeMs, st.ctimeMs, hash];
  }

  /** Saves the hashes of the files seen in this import (files gone since are forgotten). */
  async save(): Promise<void> {
    const temp = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(join(this.path, '..'), { recursive: true });
      await writeFile(temp, JSON.stringify(this.seen));
      await rename(temp, this.path);
    } catch {
      // without the memo the next import hashes every file again; nothing else is lost
      await unlink(temp).catch(() => undefined);
    }
  }
}
