/**
 * Import throughput: 1,000 640×480 JPEGs (10 classes, generated with sharp into a temp
 * folder) imported cold (empty cache) and cached, at the default 32×32 RGB. Each import
 * runs in a fresh child process so its peak RSS is its own.
 *
 *   npm run bench:import [-- --images N --repeat N --parallel N --keep]
 *   npm run bench:import -- --idx [IMAGES.gz LABELS.gz]   memory of an IDX import (default: Debian's 60,000 Fashion-MNIST training images)
 *   (settled memory numbers: node --expose-gc --import tsx scripts/bench-import.ts --idx)
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { importFolder, importIdx } from '../src-main/datasets';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    images: { type: 'string', default: '1000' },
    repeat: { type: 'string', default: '3' },
    parallel: { type: 'string' },
    keep: { type: 'boolean', default: false },
    idx: { type: 'boolean', default: false },
    // internal: run one import in this process and print its numbers as JSON
    child: { type: 'string' },
    cache: { type: 'string' },
  },
});

interface Measurement {
  images: number;
  seconds: number;
  imagesPerSecond: number;
  /** user + system CPU seconds of the import (all threads): what it costs regardless of other load */
  cpuSeconds: number;
  peakRssMB: number;
  datasetMB: number;
  cacheHits: number;
}

async function runChild(root: string): Promise<void> {
  const parallel = values.parallel ? Number(values.parallel) : undefined;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { dataset, report } = await importFolder(root, {}, { cacheDir: values.cache!, parallel });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const result: Measurement = {
    images: report.imported,
    seconds,
    imagesPerSecond: report.imported / seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    datasetMB: dataset.pixels.byteLength / 2 ** 20,
    cacheHits: report.cacheHits,
  };
  console.log(JSON.stringify(result));
}

/** A photo-like 640×480 image: smooth gradients, a few shapes, mild noise (so JPEGs are ~40–80 kB). */
async function writeJpegs(root: string, count: number): Promise<void> {
  const width = 640;
  const height = 480;
  const raw = Buffer.alloc(width * height * 3);
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < count; i++) {
    const cls = i % 10;
    const [cx, cy, r] = [random() * width, random() * height, 40 + random() * 150];
    const tint = [random() * 255, random() * 255, random() * 255];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const inside = (x - cx) ** 2 + (y - cy) ** 2 < r * r;
        const o = (y * width + x) * 3;
        for (let c = 0; c < 3; c++) {
          const base = inside ? tint[c] : ((x + y * (c + 1) + cls * 25) * 255) / (width + height * 3);
          raw[o + c] = Math.max(0, Math.min(255, base + (random() - 0.5) * 24));
        }
      }
    }
    const folder = join(root, `class${cls}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${String(i).padStart(4, '0')}.jpg`), await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer());
  }
}

function measure(root: string, cacheDir: string): Measurement {
  const args = ['tsx', import.meta.filename, '--child', root, '--cache', cacheDir];
  if (values.parallel) args.push('--parallel', values.parallel);
  const out = execFileSync('npx', args, { encoding: 'utf8' }).trim().split('\n');
  return JSON.parse(out[out.length - 1]) as Measurement;
}

async function benchIdx(imagesPath: string, labelsPath: string): Promise<void> {
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  global.gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  const { dataset, report } = await importIdx({ images: imagesPath, labels: labelsPath });
  const seconds = (performance.now() - started) / 1000;
  // Array buffers are freed a collection after they become unreachable: collect until settled.
  for (let i = 0; i < 3; i++) {
    global.gc?.();
    await new Promise(setImmediate);
  }
  const after = process.memoryUsage();
  console.log(
    `IDX ${report.imported.toLocaleString('en-US')} images ${dataset.width}×${dataset.height}×${dataset.channels} in ${seconds.toFixed(2)} s: ` +
      `pixels ${(dataset.pixels.byteLength / 2 ** 20).toFixed(1)} MB + labels ${(dataset.labels.byteLength / 2 ** 20).toFixed(2)} MB; ` +
      `RSS ${mb(before.rss)} before, ${mb(after.rss)} after (+${mb(after.rss - before.rss)}), array buffers +${mb(after.arrayBuffers - before.arrayBuffers)}, ` +
      `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}${global.gc ? '' : ' (run with node --expose-gc for settled numbers)'}`,
  );
}

if (values.child) {
  await runChild(values.child);
} else if (values.idx) {
  await benchIdx(positionals[0] ?? '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz', positionals[1] ?? '/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz');
} else {
  const count = Number(values.images);
  const repeat = Number(values.repeat);
  const work = join(tmpdir(), `neural-lab-bench-${count}`);
  const root = join(work, 'images');
  if (!existsSync(join(root, 'class9'))) {
    console.log(`writing ${count} 640×480 JPEGs to ${root} …`);
    rmSync(work, { recursive: true, force: true });
    await writeJpegs(root, count);
  }
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const format = (label: string, m: Measurement) =>
    `${label}: ${m.images} images in ${m.seconds.toFixed(2)} s = ${m.imagesPerSecond.toFixed(0)} images/s (CPU ${m.cpuSeconds.toFixed(2)} s), peak RSS ${m.peakRssMB.toFixed(0)} MB, dataset ${m.datasetMB.toFixed(1)} MB, cache hits ${m.cacheHits}`;
  const cold: Measurement[] = [];
  const cached: Measurement[] = [];
  for (let r = 0; r < repeat; r++) {
    const cacheDir = mkdtempSync(join(tmpdir(), 'neural-lab-bench-cache-'));
    const c = measure(root, cacheDir);
    const h = measure(root, cacheDir);
    console.log(format(`cold   #${r + 1}`, c));
    console.log(format(`cached #${r + 1}`, h));
    cold.push(c);
    cached.push(h);
    rmSync(cacheDir, { recursive: true, force: true });
  }
  const best = (ms: Measurement[]) => Math.max(...ms.map((m) => m.imagesPerSecond));
  const median = (ms: Measurement[]) => ms.map((m) => m.imagesPerSecond).sort((a, b) => a - b)[Math.floor(ms.length / 2)];
  console.log(
    `summary: cold ${median(cold).toFixed(0)} images/s median (best ${best(cold).toFixed(0)}), cached ${median(cached).toFixed(0)} images/s median (best ${best(cached).toFixed(0)}), ` +
      `speed-up ${(median(cached) / median(cold)).toFixed(1)}×, peak RSS ${Math.max(...cold.map((m) => m.peakRssMB), ...cached.map((m) => m.peakRssMB)).toFixed(0)} MB`,
  );
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
