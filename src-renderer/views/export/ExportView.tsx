/**
 * View 10, Export: a model (a run's latest weights or an imported model) out of the lab as
 * native JSON, ONNX or safetensors (with a PyTorch snippet), its templates as PNG images
 * or its metrics as CSV; where to (a save dialog on the desktop, a folder and a file name
 * in web mode); and what was written.
 */

import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../state/api';
import { useLab } from '../../state/lab-store';
import { useApiValue } from '../../state/hooks';
import { showToast } from '../../state/toasts';
import type { ApiResult, ResponseOf } from '../../../src-shared/api/contract';
import { NoModelYet } from '../NoModelYet';
import { Field } from '../../components/Field';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes, formatWhen } from '../../format';
import { parseRefKey, refKey, runsWithWeights, type ModelRef } from '../models';

type What = 'json' | 'onnx' | 'safetensors' | 'pytorch' | 'templates' | 'metrics';

const whats: { value: What; label: string; ext: string | null; text: string }[] = [
  { value: 'json', label: 'Native JSON', ext: 'json', text: 'Everything: weights, architecture, class names, preprocessing and normalization, training settings. The lab reopens it.' },
  { value: 'onnx', label: 'ONNX', ext: 'onnx', text: 'For ONNX Runtime, Netron and other tools: Gemm and activation nodes over the flattened, normalized image; class names in the metadata.' },
  { value: 'safetensors', label: 'safetensors', ext: 'safetensors', text: 'PyTorch-style weights (layers.0.weight, …) with a short nn.Sequential snippet written beside it.' },
  { value: 'pytorch', label: 'PyTorch project', ext: null, text: 'A folder with model.py, train.py and the run\'s data and weights: replays the run in PyTorch, or continues it on a GPU (python3 train.py --device cuda).' },
  { value: 'templates', label: 'Templates (PNG)', ext: null, text: 'The first layer drawn as images: one per class for a linear model, one per hidden unit for an MLP.' },
  { value: 'metrics', label: 'Metrics (CSV)', ext: 'csv', text: 'Every metric of the run at full resolution, one row per value.' },
];

interface Written {
  files: { path: string; bytes: number }[];
  snippet?: string;
  /** what the snippet is for (default: loading the weights in PyTorch) */
  snippetTitle?: string;
}

/** `name` inside `folder`, with the folder's own separator (a Windows path uses backslashes). */
function joinPath(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return `${folder.replace(/[\\/]+$/, '')}${separator}${name}`;
}

/** A run's name as a default file name: no separators, nothing Windows refuses, no control characters. */
function safeName(text: string): string {
  const printable = [...text].map((c) => (c.charCodeAt(0) < 32 ? '-' : c)).join('');
  return printable.replace(/[<>:"|?*\\/]+/g, '-').replace(/[. ]+$/, '').slice(0, 80) || 'model';
}

export function ExportView({ runId }: { runId?: number }) {
  const api = useApi();
  const runs = useLab((s) => s.runs);
  const loaded = useLab((s) => s.loaded);
  const usable = useMemo(() => runsWithWeights(runs), [runs]);
  const imported = useApiValue(() => api.listModels(), 'models');
  const info = useApiValue(() => api.getAppInfo(), 'app-info');
  const [ref, setRef] = useState<ModelRef | null>(runId !== undefined ? { kind: 'run', runId } : null);
  const [what, setWhat] = useState<What>('json');
  const [folder, setFolder] = useState('');
  const [fileName, setFileName] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const [written, setWritten] = useState<Written | null>(null);

  useEffect(() => {
    if (ref === null && usable.length > 0) setRef({ kind: 'run', runId: usable[0].id });
  }, [ref, usable]);
  useEffect(() => {
    if (runId !== undefined) setRef({ kind: 'run', runId });
  }, [runId]);
  useEffect(() => {
    if (info.data && folder === '') setFolder(info.data.dataDir);
  }, [info.data, folder]);

  const run = ref?.kind === 'run' ? runs.find((r) => r.id === ref.runId) : undefined;
  const model = ref?.kind === 'imported' ? imported.data?.models.find((m) => m.id === ref.modelId) : undefined;
  const baseName = safeName(run?.name ?? model?.summary.name ?? 'model');
  const choice = whats.find((w) => w.value === what)!;
  useEffect(() => {
    setFileName(choice.value === 'pytorch' ? `${baseName}-pytorch` : choice.ext ? `${baseName}.${choice.ext}` : '');
    setWritten(null);
    setError(null);
  }, [baseName, choice.ext, choice.value]);
  const exports = useApiValue(run ? () => api.listExports({ runId: run.id }) : null, `exports-${run?.id ?? 'none'}`, written ? written.files[0]?.path : '');

  const nativeDialogs = info.data?.nativeDialogs ?? false;
  // metrics and a project that continues training exist for runs only, not for imported model files
  const metricsNeedRun = (what === 'metrics' || what === 'pytorch') && ref?.kind !== 'run';
  const templatesNeedImages = what === 'templates' && (run?.data.kind === 'toy' || model?.summary.input.kind === 'vector');

  async function exportTo(destination: { path: string } | { folder: string; fileName: string }, replace: boolean) {
    if (!ref) return;
    setBusy(true);
    setError(null);
    setWritten(null);
    let result: ApiResult<Written>;
    if (what === 'templates') {
      const target = 'folder' in destination ? destination.folder : destination.path;
      const r = await api.exportTemplates({ model: ref, folder: target, zoom: 4 });
      result = r.ok ? { ok: true, value: { files: r.value.files } } : r;
    } else if (what === 'pytorch') {
      if (ref.kind !== 'run' || !('folder' in destination)) return;
      const r = await api.exportPytorchProject({ runId: ref.runId, folder: joinPath(destination.folder, destination.fileName) });
      const epochs = run ? Math.max(2 * run.config.epochs, run.epochsDone + 1) : 0;
      result = r.ok
        ? {
            ok: true,
            value: {
              files: r.value.files,
              snippetTitle: 'Continue it in PyTorch',
              snippet: [
                `cd "${r.value.folder}"`,
                'python3 train.py --replay                        # the lab\'s run again, epoch by epoch',
                `python3 train.py --device cuda --epochs ${epochs}   # continue on a GPU`,
                'torchrun --nproc_per_node 2 train.py             # on two processes',
              ].join('\n'),
            },
          }
        : r;
    } else if (what === 'metrics') {
      if (ref.kind !== 'run') return;
      const r = await api.exportMetricsCsv({ runId: ref.runId, ...destination, overwrite: replace });
      result = r.ok ? { ok: true, value: { files: [r.value.file] } } : r;
    } else {
      const r: ApiResult<ResponseOf<'exportModel'>> = await api.exportModel({ model: ref, format: what, ...destination, overwrite: replace });
      result = r.ok ? { ok: true, value: { files: [r.value.file, ...r.value.extras], snippet: r.value.snippet } } : r;
    }
    setBusy(false);
    if (!result.ok) return setError({ message: result.error.message, conflict: result.error.code === 'conflict' });
    setWritten(result.value);
    showToast(`Wrote ${result.value.files.length === 1 ? result.value.files[0].path : `${result.value.files.length} files`}`, 'ok');
  }

  async function chooseAndExport() {
    if (what === 'pytorch') {
      const chosen = await api.chooseDatasetFolder({ title: 'Folder to put the PyTorch project in' });
      if (!chosen.ok) return showToast(chosen.error.message, 'error');
      if (chosen.value.path) await exportTo({ folder: chosen.value.path, fileName }, false);
      return;
    }
    if (what === 'templates') {
      const chosen = await api.chooseDatasetFolder({ title: 'Folder for the template images' });
      if (!chosen.ok) return showToast(chosen.error.message, 'error');
      if (chosen.value.path) await exportTo({ path: chosen.value.path }, true);
      return;
    }
    const chosen = await api.chooseExportPath({ defaultName: fileName, extensions: choice.ext ? [choice.ext] : undefined });
    if (!chosen.ok) return showToast(chosen.error.message, 'error');
    // the save dialog has already asked about replacing an existing file
    if (chosen.value.path) await exportTo({ path: chosen.value.path }, true);
  }

  if (loaded && usable.length === 0 && (imported.data?.models.length ?? 0) === 0) {
    return (
      <NoModelYet head={<Head />} art="⇪" title="Nothing to export yet">
        Export writes a trained model for ONNX Runtime, Netron or PyTorch, its templates as images, or its metrics as CSV. Train a model first (the
        built-in sample takes seconds).
      </NoModelYet>
    );
  }

  return (
    <div className="view" data-testid="export-view">
      <Head />
      <div className="grid-2" style={{ alignItems: 'start' }}>
        <div className="panel">
          <div className="panel-head">
            <h2>What</h2>
          </div>
          <div className="panel-body stack">
            <Field label="Model">
              <select className="select" value={refKey(ref)} onChange={(e) => setRef(parseRefKey(e.target.value))} aria-label="Model" data-testid="export-model">
                {usable.length > 0 && (
                  <optgroup label="Runs">
                    {usable.map((r) => (
                      <option key={r.id} value={`run:${r.id}`}>
                        #{r.id} {r.name}
                      </option>
                    ))}
                  </optgroup>
                )}
                {(imported.data?.models.length ?? 0) > 0 && (
                  <optgroup label="Imported models">
                    {imported.data!.models.map((m) => (
                      <option key={m.id} value={`imported:${m.id}`}>
                        {m.summary.name}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            </Field>
            <div className="field">
              <span className="label">Format</span>
              <div className="choice-list" role="radiogroup" aria-label="Format">
                {whats.map((w) => (
                  <label key={w.value} className={`choice${what === w.value ? ' on' : ''}`}>
                    <input type="radio" name="export-format" value={w.value} checked={what === w.value} onChange={() => setWhat(w.value)} aria-label={w.label} />
                    <span>
                      <span className="choice-title">{w.label}</span>
                      <span className="choice-text">{w.text}</span>
                    </span>
                  </label>
                ))}
              </div>
            </div>
            {metricsNeedRun && <div className="notice warn small">Metrics belong to runs: choose a run.</div>}
            {templatesNeedImages && <div className="notice warn small">This model reads 2-D points, not images: it has no templates to draw.</div>}
          </div>
        </div>

        <div className="panel">
          <div className="panel-head">
            <h2>Where</h2>
          </div>
          <div className="panel-body stack">
            {nativeDialogs ? (
              <div className="row">
                <button className="btn primary" disabled={busy || !ref || metricsNeedRun || templatesNeedImages} onClick={() => void chooseAndExport()} data-testid="export-choose">
                  {what === 'templates' ? 'Choose a folder and export…' : 'Save as…'}
                </button>
                <span className="small muted">or type a folder below</span>
              </div>
            ) : null}
            <Field label="Folder" hint="must exist; an absolute path">
              <input className="input" value={folder} onChange={(e) => setFolder(e.target.value)} spellCheck={false} aria-label="Folder" data-testid="export-folder" />
            </Field>
            {what !== 'templates' && (
              <Field label={what === 'pytorch' ? 'Project folder' : 'File name'} hint={what === 'pytorch' ? 'created inside the folder above; new or empty' : undefined}>
                <input className="input" value={fileName} onChange={(e) => setFileName(e.target.value)} spellCheck={false} aria-label="File name" data-testid="export-file-name" />
              </Field>
            )}
            {what !== 'templates' && what !== 'pytorch' && (
              <label className="checkbox small">
                <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
                Replace a file of that name
              </label>
            )}
            <div className="row">
              <button
                className={`btn${nativeDialogs ? '' : ' primary'}`}
                disabled={busy || !ref || !folder.trim() || (what !== 'templates' && !fileName.trim()) || metricsNeedRun || templatesNeedImages}
                onClick={() => void exportTo(what === 'templates' ? { path: folder.trim() } : { folder: folder.trim(), fileName: fileName.trim() }, overwrite)}
                data-testid="export-start"
              >
                Export
              </button>
            </div>
            <div style={{ minHeight: 6 }}>{busy && <ProgressBar value={null} label="Exporting" />}</div>
            {error && (
              <div className="notice error" role="alert">
                {error.message}
                {error.conflict && (
                  <div style={{ marginTop: 6 }}>
                    <button className="btn small danger" onClick={() => void exportTo({ folder: folder.trim(), fileName: fileName.trim() }, true)}>
                      Replace it
                    </button>
                  </div>
                )}
              </div>
            )}
          </div>
        </div>
      </div>

      {written && (
        <div className="panel" data-testid="export-result">
          <div className="panel-head">
            <h2>Written</h2>
          </div>
          <div className="panel-body stack">
            {written.files.slice(0, 20).map((f) => (
              <div key={f.path} className="row nowrap">
                <span className="mono ellipsis" style={{ flex: 1 }} title={f.path}>
                  {f.path}
                </span>
                <span className="num small muted">{formatBytes(f.bytes)}</span>
              </div>
            ))}
            {written.files.length > 20 && <span className="small muted">and {written.files.length - 20} more</span>}
            {written.snippet && (
              <>
                <div className="row">
                  <h3>{written.snippetTitle ?? 'Load it in PyTorch'}</h3>
                  <button className="btn small" onClick={() => void navigator.clipboard?.writeText(written.snippet!).then(() => showToast('Copied', 'ok'))}>
                    Copy
                  </button>
                </div>
                <pre className="arch" style={{ whiteSpace: 'pre', maxHeight: 300, overflow: 'auto' }}>
                  {written.snippet}
                </pre>
              </>
            )}
          </div>
        </div>
      )}

      {run && (exports.data?.exports.length ?? 0) > 0 && (
        <div className="panel">
          <div className="panel-head">
            <h2>Earlier exports of this run</h2>
          </div>
          <div className="table-wrap">
            <table className="table">
              <tbody>
                {exports.data!.exports.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">{e.format}</td>
                    <td className="mono ellipsis" style={{ maxWidth: 520 }} title={e.path}>
                      {e.path}
                    </td>
                    <td className="right num small">{formatBytes(e.bytes)}</td>
                    <td className="small muted nowrap">{formatWhen(e.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}

function Head() {
  return (
    <div className="view-head">
      <div className="grow">
        <h1>Export</h1>
        <p>Take a model out of the lab: for ONNX Runtime, Netron, PyTorch, or to reopen here later.</p>
      </div>
    </div>
  );
}
