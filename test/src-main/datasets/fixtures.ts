/** Real image files written with sharp into temporary folders. */

import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

export type Rgb = [number, number, number];

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `neural-lab-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function writeBytes(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

export type Format = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif';
export const allFormats: Format[] = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'];

/** A solid-colour image file in `format`. */
export async function solidImage(format: Format, color: Rgb, width = 48, height = 40): Promise<Buffer> {
  const [r, g, b] = color;
  return sharp({ create: { width, height, channels: 3, background: { r, g, b } } })
    .toFormat(format)
    .toBuffer();
}

/** Raw RGB pixels, [height × width × 3], from a function of (x, y). */
export function rawImage(width: number, height: number, colorAt: (x: number, y: number) => Rgb): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(colorAt(x, y), (y * width + x) * 3);
  }
  return data;
}

/** Mean of channel values of sample `row` (optionally over a rectangle of pixels). */
export function meanOf(pixels: Uint8Array, row: number, width: number, height: number, channels: number, channel = 0, x0 = 0, x1 = width, y0 = 0, y1 = height): number {
  let sum = 0;
  let count = 0;
  const base = row * width * height * channels;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      sum += pixels[base + (y * width + x) * channels + channel];
      count++;
    }
  }
  return sum / count;
}

/**
 * Runs `fn` unable to read files with mode 000. Root reads everything, so as root the
 * effective user becomes `nobody` for the duration (the folder must be world-readable).
 */
export async function withoutPrivileges<T>(fn: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0 || !process.seteuid) return fn();
  process.seteuid(65534);
  try {
    return await fn();
  } finally {
    process.seteuid(0);
  }
}

/** Makes a tree readable by everyone (for `withoutPrivileges`), whatever the umask. */
export function openUp(path: string): void {
  chmodSync(path, 0o755);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) openUp(child);
    else if (entry.isFile()) chmodSync(child, 0o644);
  }
}
