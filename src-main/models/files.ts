/**
 * Writing export files safely.
 *
 * Names: an export goes into a folder the user chose, under names that are plain file
 * names. A name that would climb out (`..`, a path separator, an absolute path), hide a
 * NUL, or be a name Windows reserves (CON, NUL, COM1, …) is refused, never "fixed" into
 * some other place. Names the lab makes up from model data (class names for template
 * files) are cleaned instead, since the user did not type them.
 *
 * Atomicity: every file is first written in full to a temporary file in the same folder,
 * flushed to disk, then renamed over the target. A failure at any point removes the
 * temporaries, so nothing half-written is ever left under the target name, and an
 * existing file is either fully replaced or untouched.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

/** An export that cannot be done; the message is one line saying what and where. */
export class ExportError extends Error {
  override name = 'ExportError';
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const MAX_NAME_BYTES = 255;

/** Why `name` is not a plain file name, or null if it is one. */
export function fileNameProblem(name: string): string | null {
  if (name === '') return 'the file name is empty';
  if (name.includes('\0')) return 'the file name contains a NUL character';
  if (name === '.' || name === '..') return `"${name}" is not a file name`;
  if (name.includes('/') || name.includes('\\')) return `"${name}" is a path, not a file name (no / or \\ allowed)`;
  if (isAbsolute(name) || /^[a-zA-Z]:/.test(name)) return `"${name}" is an absolute path`;
  if (CONTROL.test(name)) return 'the file name contains control characters';
  if (/[<>:"|?*]/.test(name)) return `"${name}" contains a character Windows forbids in file names (< > : " | ? *)`;
  if (WINDOWS_RESERVED.test(name)) return `"${name}" is a reserved device name on Windows`;
  if (/[. ]$/.test(name)) return `"${name}" ends with a dot or space (Windows drops them)`;
  if (new TextEncoder().encode(name).length > MAX_NAME_BYTES) return `the file name is longer than ${MAX_NAME_BYTES} bytes`;
  return null;
}

/** The path of `name` inside `folder`; throws ExportError if `name` is not a plain file name. */
export function pathInside(folder: string, name: string): string {
  const problem = fileNameProblem(name);
  if (problem) throw new ExportError(`refusing to write "${printable(name)}": ${problem}`);
  const root = resolve(folder);
  const target = join(root, name);
  if (dirname(target) !== root) throw new ExportError(`refusing to write "${printable(name)}": it would land outside ${root}`);
  return target;
}

/**
 * A file name made from arbitrary text (a class name): unsafe characters become `_`,
 * reserved and dot names get a prefix, length is capped. Never empty.
 */
export function cleanFileName(text: string, maxLength = 80): string {
  // eslint-disable-next-line no-control-regex
  let name = text.normalize('NFC').replace(/[\u0000-\u001f\u007f/\\<>:"|?*]/g, '_').replace(/^[. ]+|[. ]+$/g, '').slice(0, maxLength);
  if (name === '') name = '_';
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  return name;
}

/** Splits a user-given output path into its folder and file name, checking the name. */
export function splitOutputPath(path: string): { folder: string; name: string } {
  if (path.includes('\0')) throw new ExportError('refusing to write: the output path contains a NUL character');
  if (path === '' || /[/\\]$/.test(path)) throw new ExportError(`the output path "${printable(path)}" names a folder, not a file`);
  // the name as typed: "out/.." must be refused, not resolved into the folder's own name
  const name = basename(path);
  const folder = resolve(dirname(path));
  pathInside(folder, name);
  return { folder, name };
}

export interface FileToWrite {
  /** full path; its folder must exist */
  path: string;
  bytes: Uint8Array | string;
}

/**
 * Writes all `files`, or none of them: each goes to a temporary file beside its target
 * first; only when every one is written and flushed are they renamed into place.
 */
export async function writeFilesAtomically(files: readonly FileToWrite[]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const file of files) {
      await checkFolder(dirname(file.path));
      const temp = join(dirname(file.path), `.${basename(file.path).slice(0, 100)}.${randomBytes(6).toString('hex')}.tmp`);
      temps.push(temp);
      const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      try {
        await handle.writeFile(file.bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    for (let i = 0; i < files.length; i++) await rename(temps[i], files[i].path);
  } catch (error) {
    await Promise.all(temps.map((t) => unlink(t).catch(() => undefined)));
    if (error instanceof ExportError) throw error;
    throw new ExportError(writeErrorText(error, files.map((f) => f.path)));
  }
}

async function checkFolder(folder: string): Promise<void> {
  let info;
  try {
    info = await stat(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ExportError(`the folder ${folder} does not exist`);
    throw new ExportError(writeErrorText(error, [folder]));
  }
  if (!info.isDirectory()) throw new ExportError(`${folder} is not a folder`);
}

/** A file-system error while writing, as one line a user can act on. */
export function writeErrorText(error: unknown, paths: readonly string[]): string {
  const code = (error as NodeJS.ErrnoException).code;
  const where = paths.length === 1 ? paths[0] : `${paths[0]} (and ${paths.length - 1} more)`;
  switch (code) {
    case 'ENOSPC': return `not enough disk space to write ${where}; free some space or choose another drive (nothing was written)`;
    case 'EDQUOT': return `disk quota exceeded while writing ${where} (nothing was written)`;
    case 'EFBIG': return `cannot write ${where}: the file would be larger than this drive or account allows (nothing was written)`;
    case 'EACCES':
    case 'EPERM': return `permission denied writing ${where}`;
    case 'EROFS': return `cannot write ${where}: the drive is read-only`;
    case 'EISDIR': return `cannot write ${where}: a folder has that name`;
    case 'ENOENT': return `cannot write ${where}: its folder does not exist`;
    case 'ENAMETOOLONG': return `cannot write ${where}: the path is too long`;
    default: return `cannot write ${where}: ${(error as Error).message?.split('\n')[0] ?? String(error)}`;
  }
}

/** For messages: a name with control characters shown as escapes. */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
