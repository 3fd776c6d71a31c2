/**
 * `npm run icon`: renders build/icon.svg to build/icon.png (1024×1024), the one picture
 * electron-builder turns into every platform's icon (.ico, .icns, Linux sizes).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const build = join(dirname(fileURLToPath(import.meta.url)), '..', 'build');
await sharp(join(build, 'icon.svg'), { density: 72 }).resize(1024, 1024).png().toFile(join(build, 'icon.png'));
console.log(`wrote ${join(build, 'icon.png')}`);
