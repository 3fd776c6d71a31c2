/**
 * The round trip's way back: a metrics file written by an exported project's train.py
 * becomes a finished run of the same experiment as the run it was exported from, so
 * Compare draws the PyTorch curves next to the lab's.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_METRICS_FILE_BYTES, MetricsFileError, parseMetricsFile } from '../../src-shared/export/pytorch/metrics';
import type { RunRecord } from '../../src-shared/training/records';
import type { LabStore } from '../store';
import { ExportError } from './files';

/** Records the metrics in `text` (a train.py metrics file) as a new, finished run; returns it and the run it came from. */
export function importRunMetrics(store: LabStore, text: string, fileName: string): { run: RunRecord; sourceRunId: number } {
  let file;
  try {
    file = parseMetricsFile(text, fileName);
  } catch (error) {
    if (error instanceof MetricsFileError) throw new ExportError(error.message);
    throw error;
  }
  const { header, epochs, rows } = file;
  const source = store.getRun(header.runId);
  if (!source) throw new ExportError(`${fileName} continues run ${header.runId}, which is not in this database`);
  const sameModel = JSON.stringify(source.config.model) === JSON.stringify(header.config.model);
  if (!sameModel) throw new ExportError(`${fileName} is of a different model than run ${header.runId} (${source.name}); was it exported from another database?`);
  const how = `${header.mode === 'replay' ? 'replay' : `from epoch ${header.fromEpoch}`} on ${header.device}${header.worldSize > 1 ? ` × ${header.worldSize}` : ''}`;
  const run = store.createRun({
    experimentId: source.experimentId,
    name: `${source.name.trim() || `run ${source.id}`} · PyTorch ${how}`,
    config: header.config,
    data: source.data,
    split: source.split,
    origin: 'cli',
    status: 'running',
  });
  for (const epoch of epochs) store.recordEpoch(run.id, epoch);
  store.appendMetrics(run.id, rows);
  return { run: store.finishRun(run.id, 'done'), sourceRunId: source.id };
}

/** importRunMetrics for a file on disk (the CLI), refusing anything too large before reading it. */
export async function importRunMetricsFile(store: LabStore, path: string): Promise<{ run: RunRecord; sourceRunId: number }> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new ExportError(error.code === 'ENOENT' ? `metrics file not found: ${path}` : `cannot read ${path}: ${error.message.split('\n')[0]}`);
  });
  if (info.isDirectory()) throw new ExportError(`${path} is a folder; give the metrics.jsonl file train.py wrote`);
  if (info.size > MAX_METRICS_FILE_BYTES) throw new ExportError(`${path} is larger than ${MAX_METRICS_FILE_BYTES / 1024 / 1024} MB, more than any metrics file train.py writes`);
  return importRunMetrics(store, await readFile(path, 'utf8'), basename(path));
}
