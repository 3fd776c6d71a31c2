import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeModules = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url', 'http', 'net', 'stream', 'zlib', 'util', 'events', 'buffer'];
const nativeOrShell = ['electron', 'electron/*', 'better-sqlite3', 'sharp', 'onnxruntime-node'];

/**
 * The layers of src-main, lowest first. A folder imports only folders of lower layers, and
 * only through their index.ts; folders of one layer do not import each other.
 * (README.md, "Layout", draws the same picture.)
 */
export const mainLayers = [['kernels', 'store'], ['training'], ['datasets'], ['models'], ['api'], ['electron', 'web', 'cli']];

/** no-restricted-imports for the files `depth` folders below src-main/<folder>/ (1: its own files). */
function layerRule(folder, rank, depth) {
  const up = '\\.\\./'.repeat(depth);
  const notBelow = mainLayers.slice(rank).flat().filter((f) => f !== folder);
  return ['error', { patterns: [
    {
      regex: `^${up}(${notBelow.join('|')})(/|$)`,
      message: `src-main/${folder} may import only lower layers (${mainLayers.slice(0, rank).flat().join(', ') || 'none'}); see mainLayers in eslint.config.js.`,
    },
    {
      regex: `^${up}[^./][^/]*/`,
      message: `Import another src-main folder through its index.ts, not a file inside it.`,
    },
  ] }];
}

const mainLayerConfigs = mainLayers.flatMap((layer, rank) => layer.flatMap((folder) => [1, 2, 3].map((depth) => ({
  files: [`src-main/${folder}/${'*/'.repeat(depth - 1)}*.ts`],
  rules: { 'no-restricted-imports': layerRule(folder, rank, depth) },
}))));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-artifacts/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src-main/**/*.ts', 'test/**/*.ts', 'scripts/**/*.{ts,js}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Runtime layering: src-shared runs in main, workers and the renderer, so it may use
    // neither Node, Electron, native modules nor the DOM.
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: [...nodeModules, ...nativeOrShell], message: 'src-shared must stay free of Node, Electron and native modules.' },
        { group: ['**/src-main/**', '**/src-renderer/**', 'react', 'react-dom', 'recharts'], message: 'src-shared must not depend on main or renderer code.' },
      ] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  ...mainLayerConfigs,
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: [...nodeModules, ...nativeOrShell], message: 'The renderer reaches main only through the typed contract.' },
        { group: ['**/src-main/**'], message: 'The renderer reaches main only through the typed contract.' },
      ] }],
    },
  },
);
