/**
 * A disk that fills up, for a child process: a tiny tmpfs mounted on a folder (needs root,
 * as in CI), or else a file size limit (RLIMIT_FSIZE via `ulimit -f`, with SIGXFSZ ignored
 * so writes fail with EFBIG instead of killing the process). NEURAL_LAB_TINY_DISK=ulimit
 * forces the fallback, to test it where mounting works.
 */

import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './helpers';

export interface TinyDisk {
  mode: 'tmpfs' | 'ulimit';
  /** the folder whose writes are limited (tmpfs: all of it together; ulimit: each file) */
  dir: string;
  /** runs a fixture script under the limit; resolves with its stdout's last line */
  run(script: string, args: string[]): Promise<string>;
  /** lifts the limit (tmpfs: grows it to 256 MB, keeping the files) */
  grow(): void;
  release(): void;
}

/** A limited disk at `dir` of about `kb` kilobytes, or a reason why neither mechanism works here. */
export function tinyDisk(dir: string, kb: number): TinyDisk | { unavailable: string } {
  mkdirSync(dir, { recursive: true });
  const forced = process.env.NEURAL_LAB_TINY_DISK;
  let mountError = 'not tried (NEURAL_LAB_TINY_DISK=ulimit)';
  if (forced !== 'ulimit') {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', dir], { stdio: 'pipe' });
      let mounted = true;
      return {
        mode: 'tmpfs',
        dir,
        run: (script, args) => runNode([script, ...args], null),
        grow: () => execFileSync('mount', ['-o', 'remount,size=256m', dir]),
        release: () => {
          if (mounted) execFileSync('umount', [dir]);
          mounted = false;
        },
      };
    } catch (error) {
      mountError = (error as Error).message.split('\n')[0];
    }
  }
  try {
    execFileSync('bash', ['-c', "trap '' XFSZ; ulimit -f 8 && head -c 20000 /dev/zero > \"$0\"; test $(stat -c %s \"$0\") -le 8192", join(dir, 'probe')]);
  } catch (error) {
    return { unavailable: `no tmpfs (${mountError}) and no file size limit (${(error as Error).message.split('\n')[0]})` };
  }
  let limited = true;
  return {
    mode: 'ulimit',
    dir,
    run: (script, args) => runNode([script, ...args], limited ? kb : null),
    grow: () => {
      limited = false;
    },
    release: () => undefined,
  };
}

/** node --import tsx with the arguments, under `ulimit -f kb` if given; the last line of stdout. */
function runNode(args: string[], kb: number | null): Promise<string> {
  const node = [process.execPath, '--import', 'tsx', ...args];
  const [command, commandArgs] = kb === null
    ? [node[0], node.slice(1)]
    : ['bash', ['-c', `trap '' XFSZ; ulimit -f ${kb}; exec "$0" "$@"`, ...node]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code, signal) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (last.startsWith('{')) resolve(last);
      else reject(new Error(`child ended (${code ?? signal}) without a result; stdout: ${out.slice(-500)}; stderr: ${err.slice(-1500)}`));
    });
  });
}
