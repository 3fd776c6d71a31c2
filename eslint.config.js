import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeModules = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url', 'http', 'net', 'stream', 'zlib', 'util', 'events', 'buffer'];
const nativeOrShell = ['electron', 'electron/*', 'better-sqlite3', 'sharp', 'onnxruntime-node'];

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
