/**
 * One image file → uint8 pixels of a fixed size, with sharp (libvips). Also tells apart
 * why a file cannot be used: not an image at all, an image format we do not read, or an
 * image of a format we read that fails to decode.
 */

import sharp from 'sharp';
import type { ImagePreprocessing, SkipReason } from '../../src-shared/data/dataset';
import { DatasetError } from '../../src-shared/data/errors';
import { LIMITS } from '../../src-shared/limits';
import { FileReadError, readRegularFile } from './regular-file';

export { readErrorText } from './read-errors';

/** The formats the lab decodes. */
export type SupportedFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif';

/**
 * Default cap on decoded pixels (width × height) per image. 200 megapixels covers every
 * phone camera; a small file that claims more is a decompression bomb.
 */
export const defaultMaxInputPixels = 200_000_000;

/** An image that cannot be used, and why. */
export class ImageSkip extends Error {
  readonly reason: SkipReason;
  constructor(reason: SkipReason, detail: string) {
    super(detail);
    this.name = 'ImageSkip';
    this.reason = reason;
  }
}

const supportedExtensions = new Set(['jpg', 'jpeg', 'jpe', 'jfif', 'png', 'webp', 'gif', 'tif', 'tiff', 'avif']);
/** Image formats we recognise but do not decode. */
const otherImageExtensions = new Set([
  'bmp', 'dib', 'ico', 'cur', 'heic', 'heif', 'jxl', 'jp2', 'j2k', 'svg', 'svgz', 'psd', 'xcf', 'tga', 'exr', 'hdr', 'qoi',
  'pnm', 'pbm', 'pgm', 'ppm', 'pcx', 'dds', 'raw', 'dng', 'cr2', 'cr3', 'nef', 'arw', 'orf', 'rw2', 'raf', 'srw', 'pef',
]);

export type Sniffed = { kind: 'supported'; format: SupportedFormat } | { kind: 'other-image'; format: string } | { kind: 'unknown' };

/** Recognises a file's format from its first bytes. */
export function sniffFormat(bytes: Uint8Array): Sniffed {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return { kind: 'supported', format: 'jpeg' };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { kind: 'supported', format: 'png' };
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return { kind: 'supported', format: 'gif' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { kind: 'supported', format: 'webp' };
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a) || starts(0x49, 0x49, 0x2b, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2b)) {
    return { kind: 'supported', format: 'tiff' };
  }
  if (ascii(4, 8) === 'ftyp') {
    // ISO base media file: the brands say AVIF (AV1, decoded) or HEIC (HEVC, not decoded).
    const boxSize = Math.min(bytes.length, new DataView(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 8)).getUint32(0));
    const brands: string[] = [ascii(8, 12)];
    for (let p = 16; p + 4 <= boxSize; p += 4) brands.push(ascii(p, p + 4));
    if (brands.includes('avif') || brands.includes('avis')) return { kind: 'supported', format: 'avif' };
    if (brands.some((b) => ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(b))) return { kind: 'other-image', format: 'HEIC' };
    if (brands.includes('jxl ')) return { kind: 'other-image', format: 'JPEG XL' };
  }
  if (ascii(0, 2) === 'BM') return { kind: 'other-image', format: 'BMP' };
  if (starts(0x00, 0x00, 0x01, 0x00) || starts(0x00, 0x00, 0x02, 0x00)) return { kind: 'other-image', format: 'ICO' };
  if (ascii(0, 4) === '8BPS') return { kind: 'other-image', format: 'Photoshop' };
  if (starts(0xff, 0x0a) || starts(0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20)) return { kind: 'other-image', format: 'JPEG XL' };
  if (starts(0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20) || starts(0xff, 0x4f, 0xff, 0x51)) return { kind: 'other-image', format: 'JPEG 2000' };
  if (ascii(0, 4) === 'qoif') return { kind: 'other-image', format: 'QOI' };
  if (starts(0x76, 0x2f, 0x31, 0x01)) return { kind: 'other-image', format: 'OpenEXR' };
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(ascii(0, Math.min(bytes.length, 512)))) return { kind: 'other-image', format: 'SVG' };
  return { kind: 'unknown' };
}

/** Whether a file name has the extension of a format we decode. */
export function hasSupportedExtension(path: string): boolean {
  return supportedExtensions.has(extensionOf(path));
}

/** Whether a file name has the extension of an image format (ours or another). */
export function hasImageExtension(path: string): boolean {
  const ext = extensionOf(path);
  return supportedExtensions.has(ext) || otherImageExtensions.has(ext);
}

function extensionOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? path.slice(dot + 1).toLowerCase() : '';
}

/** Why `bytes` (named `path`) will not decode, or null if it looks like an image we read. */
export function classifyUnreadable(bytes: Uint8Array, path: string): ImageSkip | null {
  if (bytes.length === 0) return new ImageSkip('empty-file', 'file is empty (0 bytes)');
  const sniffed = sniffFormat(bytes);
  if (sniffed.kind === 'supported') return null;
  if (sniffed.kind === 'other-image') return new ImageSkip('unsupported-format', `${sniffed.format} images are not supported (use JPEG, PNG, WebP, GIF, TIFF or AVIF)`);
  const ext = extensionOf(path);
  if (supportedExtensions.has(ext)) return new ImageSkip('corrupt', `named .${ext} but its content is not a ${ext.toUpperCase()} image`);
  if (otherImageExtensions.has(ext)) return new ImageSkip('unsupported-format', `.${ext} images are not supported (use JPEG, PNG, WebP, GIF, TIFF or AVIF)`);
  return new ImageSkip('not-an-image', 'not an image file');
}

/**
 * Decodes an image held in memory and fits it to `pre`: EXIF orientation applied, alpha
 * flattened onto the background, resized with the fit mode, converted to grey or sRGB,
 * 8 bits per channel. Returns [height × width × channels] bytes; throws ImageSkip.
 */
export async function decodeImage(bytes: Uint8Array, path: string, pre: ImagePreprocessing, maxInputPixels = defaultMaxInputPixels): Promise<Uint8Array> {
  const unreadable = classifyUnreadable(bytes, path);
  if (unreadable) throw unreadable;
  const [r, g, b] = pre.background;
  const background = { r, g, b };
  try {
    // failOn 'truncated': cut-off files fail, harmless encoder quirks in phone photos do not.
    let pipeline = sharp(bytes, { limitInputPixels: maxInputPixels, failOn: 'truncated' })
      .rotate()
      .flatten({ background })
      .resize(pre.width, pre.height, { fit: pre.fit, background });
    pipeline = pre.channels === 1 ? pipeline.grayscale() : pipeline.toColorspace('srgb');
    const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.width !== pre.width || info.height !== pre.height || info.channels !== pre.channels) {
      throw new Error(`decoder produced ${info.width}×${info.height}×${info.channels}, expected ${pre.width}×${pre.height}×${pre.channels}`);
    }
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (err) {
    const message = firstLine(err);
    if (/exceeds pixel limit/i.test(message)) {
      throw new ImageSkip('too-many-pixels', `more than ${maxInputPixels.toLocaleString('en-US')} pixels`);
    }
    if (/unsupported image format/i.test(message)) throw new ImageSkip('unsupported-format', message);
    throw new ImageSkip('corrupt', corruptDetail(message, bytes));
  }
}

/**
 * libvips sometimes has nothing to say about a damaged file ("Unknown error", or
 * "Input buffer has corrupt header:" with nothing after it): say what the file is instead.
 */
function corruptDetail(message: string, bytes: Uint8Array): string {
  const detail = message.replace(/^Input buffer has corrupt header:\s*/i, '').trim();
  if (detail !== '' && !/^unknown error$/i.test(detail)) return message;
  const sniffed = sniffFormat(bytes);
  const format = sniffed.kind === 'unknown' ? 'image' : sniffed.format.toUpperCase();
  return `the ${format} data is damaged or cut off (the decoder gave no detail)`;
}

/** Reads and decodes one image file (for prediction); a file that cannot be used throws a DatasetError naming it. */
export async function loadImage(path: string, pre: ImagePreprocessing, maxInputPixels = defaultMaxInputPixels): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, LIMITS.imageFileBytes, 'image');
  } catch (err) {
    if (err instanceof FileReadError) throw new DatasetError(err.code === 'not-found' ? 'not-found' : 'unreadable', err.message);
    throw err;
  }
  try {
    return await decodeImage(bytes, path, pre, maxInputPixels);
  } catch (err) {
    if (err instanceof ImageSkip) throw new DatasetError('unreadable', `${path}: ${skipText(err)}`);
    throw err;
  }
}

function skipText(skip: ImageSkip): string {
  return skip.reason === 'corrupt' ? `corrupt or truncated image (${skip.message})` : skip.message;
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0].trim();
}
