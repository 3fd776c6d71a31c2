/**
 * Reading a user-named file safely: only regular files, never more than a byte limit.
 *
 * A path may name a device (`/dev/zero` never ends), a FIFO (opening one blocks until a
 * writer comes, holding one of libuv's four file threads, so a few of them freeze all file
 * work), a socket or a folder. So the file is opened first (non-blocking, which a FIFO
 * without a writer needs to open at all), the *descriptor* is checked with fstat (a check
 * of the path before opening could be raced by a swap), anything but a regular file is
 * refused, and reading stops one byte past the limit: the size fstat reports is only a
 * hint, since a file can grow while it is read.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { readErrorText } from './read-errors';

/** Why a file was not read; the message names the path and says what to do. */
export class FileReadError extends Error {
  override name = 'FileReadError';
  constructor(readonly code: 'not-found' | 'not-a-file' | 'too-large' | 'unreadable', message: string) {
    super(message);
  }
}

// O_NONBLOCK: a FIFO opens at once instead of waiting for a writer (regular files ignore it).
// O_NOCTTY: a terminal device never becomes our controlling terminal.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK_BYTES = 1 << 16;

/** `what` names the kind of file in messages ("model file", "image"). */
async function openRegular(path: string, what: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FileReadError('not-found', `${what} not found: ${path}`);
    throw new FileReadError('unreadable', `cannot read ${path}: ${readErrorText(err)}`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new FileReadError('not-a-file', `${path} is a folder, not a${/^[aeiou]/.test(what) ? 'n' : ''} ${what}`);
    if (!info.isFile()) {
      const kind = info.isFIFO() ? 'a pipe (FIFO)' : info.isSocket() ? 'a socket' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'not a regular file';
      throw new FileReadError('not-a-file', `${path} is ${kind}, not a${/^[aeiou]/.test(what) ? 'n' : ''} ${what}; only regular files are read`);
    }
    return { handle, size: info.size };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

function tooLarge(path: string, what: string, maxBytes: number): FileReadError {
  return new FileReadError('too-large', `${path} is larger than ${formatBytes(maxBytes)}, the limit for a${/^[aeiou]/.test(what) ? 'n' : ''} ${what}`);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${+(bytes / 2 ** 30).toFixed(1)} GB`;
  if (bytes >= 2 ** 20) return `${+(bytes / 2 ** 20).toFixed(1)} MB`;
  if (bytes >= 2 ** 10) return `${+(bytes / 2 ** 10).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** The whole content of the regular file at `path`, refusing anything over `maxBytes`. Throws FileReadError. */
export async function readRegularFile(path: string, maxBytes: number, what = 'file'): Promise<Buffer> {
  const { handle, size } = await openRegular(path, what);
  try {
    if (size > maxBytes) throw tooLarge(path, what, maxBytes);
    const parts: Buffer[] = [];
    let total = 0;
    // the first read asks for one byte more than fstat saw, so a file that grew is noticed
    let want = Math.min(size, maxBytes) + 1;
    for (;;) {
      const buffer = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buffer, 0, want, null);
      if (bytesRead === 0) break;
      parts.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(path, what, maxBytes);
      want = Math.min(CHUNK_BYTES, maxBytes + 1 - total);
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
  } catch (err) {
    if (err instanceof FileReadError) throw err;
    throw new FileReadError('unreadable', `cannot read ${path}: ${readErrorText(err)}`);
  } finally {
    await handle.close();
  }
}

/** The first `length` bytes of a regular file (fewer if it is shorter). Throws FileReadError. */
export async function readRegularHead(path: string, length: number, what = 'file'): Promise<Uint8Array> {
  const { handle } = await openRegular(path, what);
  try {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } catch (err) {
    throw new FileReadError('unreadable', `cannot read ${path}: ${readErrorText(err)}`);
  } finally {
    await handle.close();
  }
}
