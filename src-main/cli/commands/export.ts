/**
 * `lab export --model FILE|--run ID --format json|onnx|safetensors --out PATH [--db PATH]`:
 * writes a model (a model file, or a run of the experiment database) in another format.
 * Extras: --templates FOLDER (first-layer templates as PNG), --metrics FILE (a run's
 * metrics as CSV), --checkpoint ID (a run's earlier checkpoint).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { choice, flag, formatHelp, number, parseArgs, text, UsageError } from '../args';
import {
  EXPORT_FORMATS, ExportError, exportMetricsCsv, exportModel, exportTemplates, modelFromRun, readModelFile,
  type ExportedFile, type TrainedModel,
} from '../../models';
import { folderDatasetLoader } from '../../datasets';
import { defaultDatabasePath, LabStore, prepareDatabase } from '../../store';

export const summary = 'write a model as JSON, ONNX or safetensors (plus templates as PNG, metrics as CSV)';

const specs = {
  model: text('FILE', 'the model file to export (native JSON or ONNX)'),
  run: number('ID', 'or: the run of the experiment database to export (its latest checkpoint)', { integer: true, min: 1 }),
  checkpoint: number('ID', 'with --run: export this checkpoint instead of the latest', { integer: true, min: 1 }),
  format: choice(EXPORT_FORMATS, 'json (the lab\'s own, re-importable), onnx, or safetensors (+ a PyTorch snippet beside it)'),
  out: text('PATH', 'the file to write (its folder must exist; replaced atomically if it exists)'),
  templates: text('FOLDER', 'also write the first layer\'s templates as PNG files into FOLDER (created if missing)'),
  metrics: text('FILE', 'with --run: also write every metric of the run as CSV'),
  db: text('PATH', 'the experiment database for --run (default: the app\'s own)'),
  json: flag('print {"files": [...]} as the last line'),
};

const HELP = formatHelp('npm run lab -- export --model FILE|--run ID --format json|onnx|safetensors --out PATH [--db PATH]', [{ title: 'options', specs }])
  + '\n\nexample: npm run lab -- export --model cats.json --format onnx --out cats.onnx';

export async function run(args: string[]): Promise<number> {
  const { options, positionals, help } = parseArgs(args, specs, 'export');
  if (help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" for "export" (it takes only options; see lab export --help)`);
  if ((options.model === undefined) === (options.run === undefined)) throw new UsageError('export needs either --model FILE or --run ID (one of them)');
  if ((options.format === undefined) !== (options.out === undefined)) {
    throw new UsageError(options.format === undefined ? '--out needs --format json|onnx|safetensors' : '--format needs --out PATH');
  }
  if (options.format === undefined && options.templates === undefined && options.metrics === undefined) {
    throw new UsageError('nothing to export: give --format FORMAT --out PATH (and/or --templates FOLDER, --metrics FILE)');
  }
  if (options.run === undefined) {
    for (const name of ['checkpoint', 'metrics', 'db'] as const) {
      if (options[name] !== undefined) throw new UsageError(`--${name} goes with --run`);
    }
  }

  const written: (ExportedFile & { kind: string })[] = [];
  let store: LabStore | null = null;
  try {
    let model: TrainedModel;
    if (options.model !== undefined) {
      model = await readModelFile(options.model);
    } else {
      const dbPath = options.db ?? defaultDatabasePath();
      if (!existsSync(dbPath)) throw new ExportError(`no experiment database at ${dbPath} (give --db PATH)`);
      // refuses a damaged or foreign file; backs one of an older schema up before the store migrates it
      await prepareDatabase(dbPath, { setAsideUnusable: false });
      store = new LabStore(dbPath);
      const cacheDir = join(dirname(store.path), 'cache', 'images');
      model = await modelFromRun(store, options.run!, { loadDataset: folderDatasetLoader(store, cacheDir), checkpointId: options.checkpoint });
    }
    if (options.format !== undefined) {
      const result = await exportModel(model, options.format, options.out!);
      if (store && options.run !== undefined) {
        store.recordExport({ runId: options.run, checkpointId: model.origin?.checkpointId ?? null, format: options.format, path: result.file.path, bytes: result.file.bytes });
      }
      written.push({ kind: options.format, ...result.file }, ...result.extras.map((f) => ({ kind: 'pytorch snippet', ...f })));
    }
    if (options.templates !== undefined) {
      await mkdir(options.templates, { recursive: true }).catch((error: Error) => {
        throw new ExportError(`cannot create the folder ${options.templates}: ${error.message.split('\n')[0]}`);
      });
      written.push(...(await exportTemplates(model, options.templates, { zoom: 4 })).map((f) => ({ kind: 'template', ...f })));
    }
    if (options.metrics !== undefined) {
      written.push({ kind: 'metrics csv', ...await exportMetricsCsv(store!, options.run!, options.metrics) });
    }
  } finally {
    store?.close();
  }

  for (const file of written) console.log(`wrote ${file.path} (${file.kind}, ${formatBytes(file.bytes)})`);
  if (options.json) console.log(JSON.stringify({ files: written }));
  return 0;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
