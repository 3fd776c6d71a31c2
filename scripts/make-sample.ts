/**
 * Builds the built-in sample, resources/fashion-mnist-sample/, from Debian's
 * dataset-fashion-mnist (`apt-get install dataset-fashion-mnist`): the first 200 training
 * and first 50 test images of each of the 10 classes, as 28×28 grey PNGs in
 * train/<class>/ and test/<class>/. Deterministic: the same input gives the same files.
 *
 *   npx tsx scripts/make-sample.ts [SOURCE_DIR] [OUT_DIR]
 */

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { readIdxFile } from '../src-main/datasets/import-idx';
import { idxImages, idxLabels } from '../src-shared/data/idx';

const sourceDir = process.argv[2] ?? '/usr/share/datasets/fashion-mnist';
const outDir = process.argv[3] ?? join(import.meta.dirname, '..', 'resources', 'fashion-mnist-sample');

/** Fashion-MNIST's labels 0–9, made safe as folder names. */
const classNames = ['T-shirt_top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle_boot'];
const perClass = { train: 200, test: 50 };

async function writeSplit(split: 'train' | 'test', imagesFile: string, labelsFile: string): Promise<void> {
  const images = idxImages(await readIdxFile(join(sourceDir, imagesFile)), imagesFile);
  const labels = idxLabels(await readIdxFile(join(sourceDir, labelsFile)), labelsFile);
  const size = images.width * images.height;
  const written = new Array(classNames.length).fill(0);
  for (const name of classNames) await mkdir(join(outDir, split, name), { recursive: true });
  for (let i = 0; i < images.count && written.some((n) => n < perClass[split]); i++) {
    const label = labels[i];
    if (written[label] >= perClass[split]) continue;
    const png = await sharp(images.pixels.subarray(i * size, (i + 1) * size), { raw: { width: images.width, height: images.height, channels: 1 } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    // named by the index in the original file, so each PNG can be traced back
    await writeFile(join(outDir, split, classNames[label], `${split}-${String(i).padStart(5, '0')}.png`), png);
    written[label]++;
  }
  console.log(`${split}: ${written.join(' + ')} images`);
}

await rm(join(outDir, 'train'), { recursive: true, force: true });
await rm(join(outDir, 'test'), { recursive: true, force: true });
await writeSplit('train', 'train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz');
await writeSplit('test', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz');
