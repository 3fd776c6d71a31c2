/**
 * `lab`: the command-line face of Neural Lab (contract: docs/cli.md). Dispatches to
 * commands/<command>.ts, each exporting `summary` and `run(args) → exit code`.
 *
 * Exit codes: 0 done; 2 wrong command line (unknown option, bad or missing value, a
 * feature not available yet); 1 anything else that went wrong. Errors are printed as one
 * line, `lab: …`, on stderr; LAB_DEBUG=1 adds the stack trace.
 */
import { UsageError } from './args';

interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  train: () => import('./commands/train'),
  predict: () => import('./commands/predict'),
  export: () => import('./commands/export'),
  bench: () => import('./commands/bench'),
  'import-metrics': () => import('./commands/import-metrics'),
};

async function usage(): Promise<string> {
  const lines = ['usage: npm run lab -- <command> [options]', '', 'commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(14)} ${(await load()).summary}`);
  lines.push('', 'npm run lab -- <command> --help shows a command\'s options.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    console.error(await usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
  }
  const command = await COMMANDS[name]();
  return command.run(args);
}

function report(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`lab: ${message.split('\n')[0]}`);
  if (process.env.LAB_DEBUG && error instanceof Error && error.stack) console.error(error.stack);
  return error instanceof UsageError ? 2 : 1;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => { process.exitCode = report(error); },
);
