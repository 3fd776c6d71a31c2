/**
 * `npm run web`: the lab without Electron. Starts the same services as the desktop app
 * under plain Node, serves the built renderer and the API on 127.0.0.1, prints the URL
 * with its access token, and opens a browser when there is one.
 *
 *   npm run web -- [--port N] [--db PATH] [--renderer DIR] [--no-open]
 */

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLab } from '../api';
import { rendererDir, startWebServer } from './server';

export interface WebArgs {
  port: number;
  db?: string;
  /** the built renderer to serve; default out/renderer */
  renderer?: string;
  open: boolean;
  help: boolean;
}

export const webUsage = `Usage: npm run web -- [--port N] [--db PATH] [--renderer DIR] [--no-open]

  --port N         port on 127.0.0.1 (default 0: any free port)
  --db PATH        the lab database (default: the app's own, shared with the desktop app and the CLI)
  --renderer DIR   the built renderer to serve (default: out/renderer, made by \`npm run build\`)
  --no-open        do not open a browser
`;

/** Parses the command line; throws an Error whose message says what was wrong. */
export function parseWebArgs(argv: string[]): WebArgs {
  const args: WebArgs = { port: 0, open: true, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, got '${text}'`);
        args.port = port;
        break;
      }
      case '--db':
        args.db = value();
        break;
      case '--renderer':
        args.renderer = value();
        break;
      case '--no-open':
        args.open = false;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new Error(`unknown option '${arg}' (see --help)`);
    }
  }
  return args;
}

/** How to open a URL in the user's browser here, or null where there is none to open (CI, no display). */
export function browserCommand(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): { command: string; args: string[] } | null {
  if (env.CI) return null;
  if (platform === 'darwin') return { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: [] };
}

function openBrowser(url: string): void {
  const how = browserCommand(process.platform, process.env);
  if (!how) return;
  const child = spawn(how.command, [...how.args, url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('(could not open a browser; open the URL above yourself)'));
  child.unref();
}

async function main(): Promise<void> {
  let args: WebArgs;
  try {
    args = parseWebArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`npm run web: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(webUsage);
    return;
  }
  const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const staticDir = args.renderer ? resolve(args.renderer) : rendererDir(appRoot);
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(`npm run web: the renderer is not built (${staticDir} is missing); run \`npm run build\` first`);
    process.exitCode = 1;
    return;
  }
  const lab = await startLab({ mode: 'web', appRoot, dbPath: args.db ? resolve(args.db) : undefined });
  let server;
  try {
    server = await startWebServer({ router: lab.router, staticDir, port: args.port });
  } catch (error) {
    await lab.close();
    throw error;
  }
  console.log(`Neural Lab is running at ${server.url}`);
  console.log(`database: ${lab.store.path}`);
  console.log('Press Ctrl+C to stop (running trainings are checkpointed and resume next time).');
  if (args.open) openBrowser(server.url);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping: checkpointing running trainings…');
    await server.close();
    await lab.close();
    console.log('Stopped.');
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`npm run web: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
