/**
 * Finding the images of a dataset folder. Two layouts:
 *   ROOT/<class>/**            one folder per class, nested folders allowed
 *   ROOT/train/<class>/**      with ROOT/test/<class>/** and/or ROOT/val/<class>/**
 * Symbolic links are followed; a link that loops (to itself or to a folder above it) is
 * reported, never followed forever. Hidden entries (".DS_Store", ".git") are ignored, and
 * so are files beside the class folders that are not images (README, LICENSE); images
 * there are reported, since they were probably meant to be in a class.
 */

import { Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkippedFile, SplitName } from '../../src-shared/data/dataset';
import { DatasetError } from '../../src-shared/data/errors';
import { hasImageExtension, readErrorText } from './decode';

export interface FoundFile {
  /** absolute path as reached (through links) */
  abs: string;
  /** relative to the root, '/'-separated */
  rel: string;
  className: string;
  split: SplitName | null;
}

export interface ScanResult {
  layout: 'class-folders' | 'split-folders';
  /** sorted; every class folder found, even one whose files all turn out unusable */
  classNames: string[];
  /** sorted by split, class, path */
  files: FoundFile[];
  skipped: SkippedFile[];
  warnings: string[];
}

/** Folder names of the split layout, and the split each one feeds. */
const splitFolders: Record<string, SplitName> = { train: 'train', val: 'val', validation: 'val', test: 'test' };
const splitOrder: Record<SplitName, number> = { train: 0, val: 1, test: 2 };

interface Entry {
  name: string;
  abs: string;
  rel: string;
  kind: 'dir' | 'file';
  /** for folders: the real path, to recognise loops */
  real?: string;
  /** for files: device and inode, to count a file reached through several links once */
  id?: string;
}

const STAT_BATCH = 64;

class Scanner {
  readonly skipped: SkippedFile[] = [];
  found = 0;
  /** device:inode → the path it was first reached by */
  private readonly seen = new Map<string, string>();

  constructor(private readonly onFile: (count: number, rel: string) => void, private readonly signal?: AbortSignal) {}

  /** A folder's visible entries, sorted by name, links resolved; problems go to `skipped`. */
  async list(abs: string, rel: string, ancestors: Set<string>): Promise<Entry[]> {
    let dirents;
    try {
      dirents = await readdir(abs, { withFileTypes: true });
    } catch (err) {
      this.skip(rel || '.', 'unreadable', `folder cannot be listed: ${readErrorText(err)}`);
      return [];
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const visible = dirents.filter((d) => !d.name.startsWith('.'));
    const entries: Entry[] = [];
    // stat (through links) in small parallel batches: each real file and folder is counted
    // once by device and inode, however many links lead to it
    for (let start = 0; start < visible.length; start += STAT_BATCH) {
      const batch = visible.slice(start, start + STAT_BATCH);
      const infos = await Promise.all(batch.map((d) => stat(join(abs, d.name)).catch((err: unknown) => err as NodeJS.ErrnoException)));
      for (let i = 0; i < batch.length; i++) {
        const d = batch[i];
        const info = infos[i];
        const childAbs = join(abs, d.name);
        const childRel = rel ? `${rel}/${d.name}` : d.name;
        if (!(info instanceof Stats)) {
          if (info.code === 'ELOOP') this.skip(childRel, 'symlink-loop', 'symbolic link points back to itself');
          else this.skip(childRel, 'unreadable', readErrorText(info));
          continue;
        }
        if (info.isDirectory()) {
          let real: string;
          try {
            real = await realpath(childAbs);
          } catch (err) {
            this.skip(childRel, 'unreadable', readErrorText(err));
            continue;
          }
          if (ancestors.has(real)) {
            this.skip(childRel, 'symlink-loop', 'symbolic link to a folder that contains it');
            continue;
          }
          const first = this.firstSeen(`${info.dev}:${info.ino}`, childRel);
          if (first !== null) {
            this.skip(childRel, 'duplicate', `the same folder as ${first} (reached again through a link), read once`);
            continue;
          }
          entries.push({ name: d.name, abs: childAbs, rel: childRel, kind: 'dir', real });
        } else if (info.isFile()) {
          entries.push({ name: d.name, abs: childAbs, rel: childRel, kind: 'file', id: `${info.dev}:${info.ino}` });
        } else {
          this.skip(childRel, 'not-an-image', 'not a regular file (device, socket or pipe)');
        }
      }
    }
    return entries;
  }

  /** Every file below a class folder. */
  async walk(dir: Entry, ancestors: Set<string>, className: string, split: SplitName | null, out: FoundFile[]): Promise<void> {
    if (this.signal?.aborted) throw new DatasetError('cancelled', 'import cancelled');
    const inside = new Set(ancestors).add(dir.real!);
    for (const entry of await this.list(dir.abs, dir.rel, inside)) {
      if (entry.kind === 'dir') {
        await this.walk(entry, inside, className, split, out);
      } else {
        const first = this.firstSeen(entry.id!, entry.rel);
        if (first !== null) {
          this.skip(entry.rel, 'duplicate', `the same file as ${first} (reached again through a link), counted once`);
          continue;
        }
        out.push({ abs: entry.abs, rel: entry.rel, className, split });
        this.found++;
        this.onFile(this.found, entry.rel);
      }
    }
  }

  /** null the first time this file or folder is reached; afterwards the path it was first reached by. */
  firstSeen(id: string, rel: string): string | null {
    const first = this.seen.get(id);
    if (first !== undefined) return first;
    this.seen.set(id, rel);
    return null;
  }

  skip(path: string, reason: SkippedFile['reason'], detail: string): void {
    this.skipped.push({ path, reason, detail });
  }
}

/** Lists a dataset folder. Throws DatasetError if the root is missing, not a folder or unreadable. */
export async function scanFolder(
  root: string,
  onFile: (found: number, rel: string) => void = () => undefined,
  signal?: AbortSignal,
): Promise<ScanResult> {
  let rootReal: string;
  try {
    const st = await stat(root);
    if (!st.isDirectory()) throw new DatasetError('not-a-folder', `not a folder: ${root}`);
    rootReal = await realpath(root);
  } catch (err) {
    if (err instanceof DatasetError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DatasetError('not-found', `folder not found: ${root}`);
    throw new DatasetError('unreadable', `cannot open folder ${root}: ${readErrorText(err)}`);
  }
  const scanner = new Scanner(onFile, signal);
  const warnings: string[] = [];
  const ancestors = new Set([rootReal]);
  const top = await scanner.list(root, '', ancestors);
  if (scanner.skipped.length > 0 && top.length === 0 && scanner.skipped[0].path === '.') {
    throw new DatasetError('unreadable', `cannot list folder ${root}: ${scanner.skipped[0].detail}`);
  }
  const topDirs = top.filter((e) => e.kind === 'dir');
  const splitDirs = topDirs.filter((e) => e.name.toLowerCase() in splitFolders);
  const hasTrain = splitDirs.some((e) => e.name.toLowerCase() === 'train');
  const layout = hasTrain && (splitDirs.length >= 2 || topDirs.length === 1) ? 'split-folders' : 'class-folders';

  const files: FoundFile[] = [];
  const classes = new Set<string>();
  const addClassFolders = async (parent: Entry[], split: SplitName | null, parentAncestors: Set<string>) => {
    for (const entry of parent) {
      if (entry.kind === 'file') {
        if (!hasImageExtension(entry.name)) continue;
        scanner.skip(entry.rel, 'outside-class-folder', split ? `images in ${split}/ must sit in a class folder (${split}/<class>/…)` : 'images must sit in a class folder (<class>/…)');
        continue;
      }
      classes.add(entry.name);
      await scanner.walk(entry, parentAncestors, entry.name, split, files);
    }
  };

  if (layout === 'class-folders') {
    await addClassFolders(top, null, ancestors);
  } else {
    for (const entry of top) {
      const split = entry.kind === 'dir' ? splitFolders[entry.name.toLowerCase()] : undefined;
      if (!split) {
        if (entry.kind === 'dir') warnings.push(`folder '${entry.rel}' ignored: with train/ at the top, only train/, val/ and test/ are read`);
        else if (hasImageExtension(entry.name)) scanner.skip(entry.rel, 'outside-class-folder', 'images must sit in train/<class>/, val/<class>/ or test/<class>/');
        continue;
      }
      const inside = new Set(ancestors).add(entry.real!);
      await addClassFolders(await scanner.list(entry.abs, entry.rel, inside), split, inside);
    }
  }

  files.sort((a, b) => {
    const bySplit = splitOrder[a.split ?? 'train'] - splitOrder[b.split ?? 'train'];
    if (bySplit !== 0) return bySplit;
    if (a.className !== b.className) return a.className < b.className ? -1 : 1;
    return a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0;
  });
  return { layout, classNames: [...classes].sort(), files, skipped: scanner.skipped, warnings };
}
