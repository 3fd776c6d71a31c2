import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = dirname(fileURLToPath(import.meta.url));

// Our folders are src-main / src-renderer instead of electron-vite's src/main defaults,
// so every target names its entries explicitly.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The training worker is its own entry: worker_threads load it from a file next to main.js.
      rollupOptions: {
        input: { main: resolve(root, 'src-main/electron/main.ts'), 'run-worker': resolve(root, 'src-main/training/run-worker.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot be an ES module, so it ships as CommonJS.
      rollupOptions: {
        input: { index: resolve(root, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
});
