/**
 * `npm run build:native`: puts a better-sqlite3 module built for the installed Electron
 * into .cache/electron-native/… (see sqlite-binding.ts), leaving node_modules' Node build
 * alone for tests and the CLI. First tries the prebuilt module better-sqlite3 publishes
 * (prebuild-install --runtime electron), then compiles against Electron's headers
 * (node-gyp --runtime=electron). Both need network access to their download hosts.
 *
 * The result is checked, not trusted: a module built for Electron refuses to load in Node
 * with a NODE_MODULE_VERSION mismatch, and that number must be Electron's ABI. A module
 * that loads in Node was built for Node (what a misconfigured rebuild silently does) and is
 * rejected.
 *
 * Runs under plain Node (tsx); imports nothing from Electron.
 */

import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBindingDir, sqliteAddonFile } from './sqlite-binding';

const require = createRequire(import.meta.url);

export type AddonCheck =
  | { runtime: 'node' }
  | { runtime: 'other'; moduleVersion: number }
  | { runtime: 'unloadable'; message: string };

/** Loads the addon in this (Node) process to learn which ABI it was built for. */
export function identifyAddon(file: string): AddonCheck {
  try {
    process.dlopen({ exports: {} } as NodeJS.Module, file);
    return { runtime: 'node' };
  } catch (error) {
    const message = (error as Error).message;
    const match = /NODE_MODULE_VERSION (\d+)\./.exec(message);
    return match ? { runtime: 'other', moduleVersion: Number(match[1]) } : { runtime: 'unloadable', message };
  }
}

/** Electron's NODE_MODULE_VERSION, from node-abi (installed with better-sqlite3's prebuild-install). */
export function electronModuleVersion(electronVersion: string): number | undefined {
  try {
    const nodeAbi = require('node-abi') as { getAbi(target: string, runtime: string): string };
    return Number(nodeAbi.getAbi(electronVersion, 'electron'));
  } catch {
    return undefined;
  }
}

/** Why `file` is not a usable Electron build, or null when it is. */
export function electronBuildProblem(file: string, electronVersion: string): string | null {
  if (!existsSync(file)) return `${file} does not exist`;
  const check = identifyAddon(file);
  if (check.runtime === 'node') return `${file} was built for Node ${process.versions.node}, not for Electron ${electronVersion}`;
  if (check.runtime === 'unloadable') return `${file} is not a loadable native module: ${check.message}`;
  const expected = electronModuleVersion(electronVersion);
  if (expected !== undefined && check.moduleVersion !== expected) {
    return `${file} was built for NODE_MODULE_VERSION ${check.moduleVersion}, but Electron ${electronVersion} needs ${expected}`;
  }
  return null;
}

function run(command: string, args: string[], cwd: string): boolean {
  console.log(`$ ${[command, ...args].join(' ')}`);
  // npm passes its own config down (Debian's sets nodedir=/usr), which would make node-gyp
  // quietly build against Node's headers instead of downloading Electron's.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)));
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env });
  return result.status === 0;
}

function nodeGypScript(): string | undefined {
  const candidates = [
    process.env.npm_config_node_gyp,
    process.env.npm_execpath ? join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : undefined,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

function main(): number {
  const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const electronVersion = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
  const targetDir = electronBindingDir(appRoot, electronVersion, process.platform, process.arch);
  const target = join(targetDir, sqliteAddonFile);
  if (electronBuildProblem(target, electronVersion) === null) {
    console.log(`better-sqlite3 for Electron ${electronVersion} is ready: ${target}`);
    return 0;
  }

  const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
  const work = mkdtempSync(join(tmpdir(), 'neural-lab-sqlite-'));
  try {
    // A private copy of the package, so neither tool touches node_modules' Node build.
    cpSync(packageDir, work, { recursive: true, filter: (src) => !src.startsWith(join(packageDir, 'build')) });
    const built = join(work, 'build', 'Release', sqliteAddonFile);
    const attempts: [string, () => boolean][] = [
      ['prebuilt module', () => run(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform], work)],
      ['build from source', () => {
        const gyp = nodeGypScript();
        if (!gyp) {
          console.error('node-gyp not found (it ships with npm)');
          return false;
        }
        return run(process.execPath, [gyp, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'], work);
      }],
    ];
    for (const [what, attempt] of attempts) {
      console.log(`better-sqlite3 for Electron ${electronVersion}: trying ${what}…`);
      if (!attempt()) continue;
      const problem = electronBuildProblem(built, electronVersion);
      if (problem) {
        console.error(`${what} did not give an Electron build: ${problem}`);
        continue;
      }
      mkdirSync(targetDir, { recursive: true });
      copyFileSync(built, `${target}.tmp`);
      renameSync(`${target}.tmp`, target);
      console.log(`better-sqlite3 for Electron ${electronVersion} written to ${target}`);
      return 0;
    }
    console.error(
      `Could not get better-sqlite3 for Electron ${electronVersion}: both the prebuilt download and the build from source failed ` +
        '(they need network access and, for the build, a C++ toolchain). The web mode (`npm run web`) needs neither.',
    );
    return 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
