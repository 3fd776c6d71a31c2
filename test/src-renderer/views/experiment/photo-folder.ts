/**
 * A small two-class "photo" folder written with sharp, as a user would bring one: JPEGs
 * of 48×40 pixels with smooth outdoor or indoor backgrounds, lighting that varies, and
 * the subject at a random place. 24 "horse" (a dark body on a sky-over-grass scene) and
 * 16 "cat" (a round grey-orange head with ears, indoors): the majority class is 60 %.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { Rng } from '../../../../src-shared/random';
import { rawImage, writeBytes, type Rgb } from '../../../src-main/datasets/fixtures';

const WIDTH = 48;
const HEIGHT = 40;

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

function horse(rng: Rng): Buffer {
  const light = 0.75 + 0.5 * rng.uniform();
  const cx = 12 + 24 * rng.uniform();
  const cy = 22 + 4 * rng.uniform();
  const facingLeft = rng.uniform() < 0.5;
  return rawImage(WIDTH, HEIGHT, (x, y) => {
    const sky: Rgb = [120 + y, 170 + y, 230];
    const grass: Rgb = [60, 140 - y, 50];
    let c: Rgb = y < 20 ? sky : grass;
    const body = ((x - cx) / 11) ** 2 + ((y - cy) / 6) ** 2 < 1;
    const headX = cx + (facingLeft ? -12 : 12);
    const head = ((x - headX) / 4) ** 2 + ((y - (cy - 6)) / 3) ** 2 < 1;
    const legs = y > cy && y < cy + 12 && (Math.abs(x - (cx - 7)) < 1.5 || Math.abs(x - (cx + 7)) < 1.5);
    if (body || head || legs) c = [110, 70, 40];
    return c.map((v) => clamp(v * light + 12 * rng.normal())) as Rgb;
  });
}

function cat(rng: Rng): Buffer {
  const light = 0.75 + 0.5 * rng.uniform();
  const cx = 14 + 20 * rng.uniform();
  const cy = 20 + 6 * rng.uniform();
  return rawImage(WIDTH, HEIGHT, (x, y) => {
    let c: Rgb = [200 - y, 190 - y, 175 - y];
    const head = (x - cx) ** 2 + (y - cy) ** 2 < 81;
    const ear = (dx: number) => y < cy - 6 && y > cy - 14 && Math.abs(x - (cx + dx)) < (y - (cy - 14)) / 2;
    if (head || ear(-6) || ear(6)) c = [210, 140, 70];
    if (head && Math.abs(y - (cy - 1)) < 1 && Math.abs(Math.abs(x - cx) - 3.5) < 1) c = [20, 60, 20];
    return c.map((v) => clamp(v * light + 12 * rng.normal())) as Rgb;
  });
}

/** Writes FOLDER/horse/*.jpg (24) and FOLDER/cat/*.jpg (16), seeded. */
export async function writePhotoFolder(folder: string, seed = 1): Promise<{ perClass: Record<string, number> }> {
  const rng = new Rng(seed);
  const perClass = { horse: 24, cat: 16 };
  for (const [name, count] of Object.entries(perClass)) {
    for (let i = 0; i < count; i++) {
      const raw = name === 'horse' ? horse(rng) : cat(rng);
      const jpeg = await sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
      writeBytes(join(folder, name, `${name}-${String(i).padStart(2, '0')}.jpg`), jpeg);
    }
  }
  return { perClass };
}
