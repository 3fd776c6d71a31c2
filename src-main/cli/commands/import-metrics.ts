/**
 * `lab import-metrics FILE [--db PATH] [--json]`: the metrics an exported PyTorch
 * project's train.py wrote, recorded as a run of the same experiment as the run it came
 * from, so Compare shows both.
 */
import { existsSync } from 'node:fs';
import { flag, formatHelp, parseArgs, text, UsageError } from '../args';
import { ExportError, importRunMetricsFile } from '../../models';
import { defaultDatabasePath, LabStore, prepareDatabase } from '../../store';

export const summary = 'record the metrics.jsonl of an exported PyTorch project as a run, to compare with the lab\'s';

const specs = {
  db: text('PATH', 'the experiment database the run was exported from (default: the app\'s own)'),
  json: flag('print {"runId": N, "sourceRunId": M, "name": "..."} as the last line'),
};

const HELP = formatHelp('npm run lab -- import-metrics FILE [--db PATH] [--json]', [{ title: 'options', specs }])
  + '\n\nexample: npm run lab -- import-metrics cats-pytorch/metrics.jsonl';

export async function run(args: string[]): Promise<number> {
  const { options, positionals, help } = parseArgs(args, specs, 'import-metrics');
  if (help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`import-metrics takes one metrics file, got ${positionals.length} (see lab import-metrics --help)`);
  const dbPath = options.db ?? defaultDatabasePath();
  if (!existsSync(dbPath)) throw new ExportError(`no experiment database at ${dbPath} (give --db PATH)`);
  await prepareDatabase(dbPath, { setAsideUnusable: false });
  const store = new LabStore(dbPath);
  try {
    const { run: imported, sourceRunId } = await importRunMetricsFile(store, positionals[0]);
    console.log(`recorded run ${imported.id} (${imported.name}): ${imported.epochsDone} epochs${imported.experimentId !== null ? `, in experiment ${imported.experimentId}` : ''}; compare it with run ${sourceRunId}`);
    if (options.json) console.log(JSON.stringify({ runId: imported.id, sourceRunId, name: imported.name }));
  } finally {
    store.close();
  }
  return 0;
}
