/**
 * On-disk cache of decoded pixels. An entry is keyed by the file's content hash and the
 * preprocessing that produced it, so renaming or moving a file still hits, editing it or
 * changing size/fit/colour misses. Entries are written to a temporary name and renamed,
 * so concurrent imports (app and CLI) never see half an entry.
 *
 * Layout: <dir>/pixels-v1/<preprocessing key>/<hash[0..2]>/<hash>.u8 (raw bytes, H×W×C).
 */

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ImagePreprocessing } from '../../src-shared/data/dataset';

/** $XDG_CACHE_HOME/neural-lab, or ~/.cache/neural-lab: where the CLI caches unless told otherwise. */
export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.cache'), 'neural-lab');
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

  /** The cached pixels for content `hash`, or null (missing, unreadable or the wrong size). */
  async get(hash: string): Promise<Uint8Array | null> {
    try {
      const bytes = await readFile(this.path(hash));
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
