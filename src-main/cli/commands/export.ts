/**
 * `lab export --model FILE|--run ID --format json|onnx|safetensors --out PATH [--db PATH]`:
 * writes a model (a model file, or a run of the experiment database) in another format;
 * `--run ID --format pytorch --out DIR` writes the run as a PyTorch project folder.
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
  exportPytorchProject,
} from '../../models';
import { folderDatasetLoader } from '../../datasets';
import { defaultDatabasePath, LabStore, prepareDatabase } from '../../store';
import type { DatasetLoader } from '../../training';

export const summary = 'write a model as JSON, ONNX or safetensors (plus templates as PNG, metrics as CSV)';

const specs = {
  model: text('FILE', 'the model file to export (native JSON or ONNX)'),
  run: number('ID', 'or: the run of the experiment database to export (its latest checkpoint)', { integer: true, min: 1 }),
  checkpoint: number('ID', 'with --run: export this checkpoint instead of the latest', { integer: true, min: 1 }),
  format: choice([...EXPORT_FORMATS, 'pytorch'] as const, 'json (the lab\'s own, re-importable), onnx, safetensors (+ a PyTorch snippet beside it), or pytorch (with --run: a project folder that continues the run)'),
  out: text('PATH', 'the file to write (its folder must exist; replaced atomically if it exists); for pytorch a folder, new or empty'),
  templates: text('FOLDER', 'also write the first layer\'s templates as PNG files into FOLDER (created if missing)'),
  metrics: text('FILE', 'with --run: also write every metric of the run as CSV'),
  db: text('PATH', 'the experiment database for --run (default: the app\'s own)'),
  json: flag('print {"files": [...]} as the last line'),
};

const HELP = formatHelp('npm run lab -- export --model FILE|--run ID --format json|onnx|safetensors|pytorch --out PATH [--db PATH]', [{ title: 'options', specs }])
  + '\n\nexamples: npm run lab -- export --model cats.json --format onnx --out cats.onnx'
  + '\n          npm run lab -- export --run 3 --format pytorch --out cats-pytorch   (then: python3 cats-pytorch/train.py --device cuda)';

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
  if (options.format === 'pytorch' && options.run === undefined) throw new UsageError('--format pytorch exports a run of the database: give --run ID (a model file holds no training state to continue)');
  if (options.run === undefined) {
    for (const name of ['checkpoint', 'metrics', 'db'] as const) {
      if (options[name] !== undefined) throw new UsageError(`--${name} goes with --run`);
    }
  }

  const written: (ExportedFile & { kind: string })[] = [];
  let store: LabStore | null = null;
  try {
    let loadDataset: DatasetLoader | undefined;
    if (options.run !== undefined) {
      const dbPath = options.db ?? defaultDatabasePath();
      if (!existsSync(dbPath)) throw new ExportError(`no experiment database at ${dbPath} (give --db PATH)`);
      // refuses a damaged or foreign file; backs one of an older schema up before the store migrates it
      await prepareDatabase(dbPath, { setAsideUnusable: false });
      store = new LabStore(dbPath);
      loadDataset = onceEach(folderDatasetLoader(store, join(dirname(store.path), 'cache', 'images')));
    }
    // read only when a model format or templates need it: a PyTorch project rebuilds the run itself
    let model: TrainedModel | undefined;
    const theModel = async (): Promise<TrainedModel> => (model ??= options.model !== undefined
      ? await readModelFile(options.model)
      : await modelFromRun(store!, options.run!, { loadDataset, checkpointId: options.checkpoint }));
    if (options.format === 'pytorch') {
      const result = await exportPytorchProject(store!, options.run!, options.out!, { loadDataset, checkpointId: options.checkpoint });
      written.push(...result.files.map((f) => ({ kind: 'pytorch project', ...f })));
    } else if (options.format !== undefined) {
      const exported = await theModel();
      const result = await exportModel(exported, options.format, options.out!);
      if (store && options.run !== undefined) {
        store.recordExport({ runId: options.run, checkpointId: exported.origin?.checkpointId ?? null, format: options.format, path: result.file.path, bytes: result.file.bytes });
      }
      written.push({ kind: options.format, ...result.file }, ...result.extras.map((f) => ({ kind: 'pytorch snippet', ...f })));
    }
    if (options.templates !== undefined) {
      await mkdir(options.templates, { recursive: true }).catch((error: Error) => {
        throw new ExportError(`cannot create the folder ${options.templates}: ${error.message.split('\n')[0]}`);
      });
      written.push(...(await exportTemplates(await theModel(), options.templates, { zoom: 4 })).map((f) => ({ kind: 'template', ...f })));
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

/** The loader, loading each dataset once however often it is asked (a model and a project of the same run). */
function onceEach(load: DatasetLoader): DatasetLoader {
  const loaded = new Map<string, ReturnType<DatasetLoader>>();
  return (datasetId, split) => {
    const key = JSON.stringify([datasetId, split]);
    if (!loaded.has(key)) loaded.set(key, load(datasetId, split));
    return loaded.get(key)!;
  };
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
