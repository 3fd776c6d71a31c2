/**
 * Builds the native kernels (src-main/kernels/native, a Node-API addon over the platform's
 * BLAS) with node-gyp; run by `npm install` (postinstall) and `npm run build:kernels`.
 * It never fails the install: when the addon cannot be built (no compiler, no BLAS
 * headers, no Node headers) it says so in one line and training uses the WebAssembly
 * kernels. Plain JavaScript, because it runs before anything else is known to work.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const addonDir = join(root, 'src-main', 'kernels', 'native');
const built = join(addonDir, 'build', 'Release', 'blas_kernels.node');
const prefix = '[neural-lab] native kernels:';

/** node-gyp as npm ships it (npm passes its path to lifecycle scripts). */
function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    process.env.npm_execpath ? join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : undefined,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((c) => c && existsSync(c));
}

/** Node's own headers when installed next to it (Debian: /usr/include/node), so node-gyp downloads nothing. */
function nodeDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const installed = resolve(dirname(process.execPath), '..');
  return existsSync(join(installed, 'include', 'node', 'node_api.h')) ? installed : undefined;
}

function main() {
  if (/^(0|off|false|no)$/i.test(process.env.NEURAL_LAB_NATIVE ?? '')) {
    console.log(`${prefix} not built (NEURAL_LAB_NATIVE=${process.env.NEURAL_LAB_NATIVE}); training uses the WebAssembly kernels`);
    return;
  }
  const gyp = nodeGyp();
  if (!gyp) {
    console.log(`${prefix} not built (node-gyp not found); training uses the WebAssembly kernels`);
    return;
  }
  const dir = nodeDir();
  const args = [gyp, 'rebuild', '--release', '-C', addonDir, ...(dir ? [`--nodedir=${dir}`] : [])];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (result.status === 0 && existsSync(built)) {
    console.log(`${prefix} built ${built} (BLAS); training uses them, NEURAL_LAB_NATIVE=off turns them off`);
    return;
  }
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
  // the most telling line: a compiler or linker error, gyp's own complaint, or node-gyp's error
  const reason = /fatal error: ([^\n]+)/.exec(output)?.[1] ?? /(cannot find -l\S+)/.exec(output)?.[1]
    ?? /^gyp: ([^\n]+)/m.exec(output)?.[1] ?? /gyp ERR! stack Error: ([^\n]+)/.exec(output)?.[1]
    ?? result.error?.message ?? `node-gyp exited with ${result.status}`;
  console.log(`${prefix} could not be built (${reason}); training uses the WebAssembly kernels. `
    + 'On Debian/Ubuntu: apt install libopenblas-dev, then npm run build:kernels');
}

main();
