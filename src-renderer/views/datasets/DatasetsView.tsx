/**
 * View 1, Datasets: the datasets in the lab, adding one (a folder, or the built-in
 * sample) with its preprocessing options and a progress bar that can cancel, and the
 * import report of the selected one: class counts, thumbnails, skipped files, duplicates.
 */

import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi } from '../../state/api';
import { useLab, useLabStore } from '../../state/lab-store';
import { useNavigate } from '../../state/navigation';
import { useApiValue } from '../../state/hooks';
import { showToast } from '../../state/toasts';
import type { Dataset, ImportReport } from '../../state/types';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatCount, formatDuration, formatNumber, formatWhen, plural } from '../../format';
import { usePalette } from '../../theme';
import { ImportPanel } from './ImportPanel';
import { DatasetImages } from './DatasetImages';

const skipReasonText: Record<string, string> = {
  'not-an-image': 'not an image',
  corrupt: 'corrupt or truncated',
  'unsupported-format': 'unsupported format',
  'too-many-pixels': 'too many pixels',
  unreadable: 'unreadable',
  'symlink-loop': 'symbolic link loop',
  'empty-file': 'empty file',
  'outside-class-folder': 'outside a class folder',
  duplicate: 'duplicate',
};

export function DatasetsView({ datasetId }: { datasetId?: number }) {
  const datasets = useLab((s) => s.datasets);
  const loaded = useLab((s) => s.loaded);
  const navigate = useNavigate();
  const [adding, setAdding] = useState<null | 'sample' | 'folder'>(null);
  const selected = datasets.find((d) => d.id === datasetId) ?? (adding ? undefined : datasets[0]);

  if (loaded && datasets.length === 0 && !adding) {
    return (
      <div className="view">
        <ViewHead onAdd={setAdding} />
        <div className="panel">
          <EmptyState
            art="▦"
            title="No datasets yet"
            action={
              <>
                <button className="btn primary" onClick={() => setAdding('sample')} data-testid="empty-use-sample">
                  Use the built-in sample
                </button>
                <button className="btn" onClick={() => setAdding('folder')}>
                  Add a folder…
                </button>
              </>
            }
          >
            Start with the built-in sample: 10 Fashion-MNIST classes (T-shirt, trouser, sneaker, …), 2,500 small gray images. Or add a folder of your own
            images with one subfolder per class, such as <code>horse/</code> and <code>cat/</code>.
          </EmptyState>
        </div>
      </div>
    );
  }

  return (
    <div className="view">
      <ViewHead onAdd={setAdding} />
      <div className={datasets.length > 0 ? 'split' : 'stack'}>
        <div className="stack" aria-label="Datasets" hidden={datasets.length === 0}>
          {datasets.map((d) => (
            <DatasetCard
              key={d.id}
              dataset={d}
              selected={!adding && selected?.id === d.id}
              onSelect={() => {
                setAdding(null);
                navigate({ view: 'datasets', datasetId: d.id });
              }}
            />
          ))}
          {!loaded && <div className="panel panel-body muted">Loading…</div>}
        </div>
        <div className="stack">
          {adding ? (
            <ImportPanel
              initialSource={adding}
              onDone={(dataset) => {
                setAdding(null);
                if (dataset) navigate({ view: 'datasets', datasetId: dataset.id });
              }}
            />
          ) : (
            selected && <DatasetReport key={selected.id} dataset={selected} />
          )}
        </div>
      </div>
    </div>
  );
}

function ViewHead({ onAdd }: { onAdd: (what: 'sample' | 'folder') => void }) {
  return (
    <div className="view-head">
      <div className="grow">
        <h1>Datasets</h1>
        <p>Image folders turned into training data: one subfolder per class, resized and colored the way you choose.</p>
      </div>
      <button className="btn" onClick={() => onAdd('sample')}>
        Built-in sample
      </button>
      <button className="btn primary" onClick={() => onAdd('folder')}>
        Add folder…
      </button>
    </div>
  );
}

function DatasetCard({ dataset, selected, onSelect }: { dataset: Dataset; selected: boolean; onSelect: () => void }) {
  const total = dataset.samples.train + dataset.samples.val + dataset.samples.test;
  return (
    <button
      className="panel"
      onClick={onSelect}
      aria-pressed={selected}
      data-testid="dataset-card"
      style={{
        textAlign: 'left',
        padding: '10px 12px',
        cursor: 'pointer',
        borderColor: selected ? 'var(--accent)' : undefined,
        boxShadow: selected ? 'var(--focus)' : undefined,
        background: 'var(--panel)',
      }}
    >
      <div style={{ fontWeight: 600 }} className="ellipsis">
        {dataset.name}
      </div>
      <div className="small muted num">
        {plural(total, 'image')} · {plural(dataset.classNames.length, 'class', 'classes')}
      </div>
      <div className="small faint num">
        {dataset.width}×{dataset.height} {dataset.channels === 1 ? 'gray' : 'RGB'} · {formatWhen(dataset.createdAt)}
      </div>
    </button>
  );
}

function DatasetReport({ dataset }: { dataset: Dataset }) {
  const api = useApi();
  const store = useLabStore();
  const navigate = useNavigate();
  const runs = useLab((s) => s.runs);
  const report = useApiValue(() => api.getDatasetReport({ id: dataset.id }), `report-${dataset.id}`);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const usedBy = runs.filter((r) => r.datasetId === dataset.id).length;
  const r = report.data?.report ?? null;
  const total = dataset.samples.train + dataset.samples.val + dataset.samples.test;

  return (
    <>
      <div className="panel">
        <div className="panel-head">
          <h2 className="ellipsis">{dataset.name}</h2>
          <button className="btn primary" onClick={() => navigate({ view: 'new', datasetId: dataset.id })} data-testid="train-on-dataset">
            Train on this dataset
          </button>
          <button className="btn danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        </div>
        <div className="panel-body stack">
          <div className="small muted ellipsis" title={dataset.source}>
            {dataset.source === 'builtin' ? 'Built-in Fashion-MNIST sample' : `Folder: ${r?.source ?? dataset.source}`}
          </div>
          <div className="stats">
            <Stat label="Images" value={formatCount(total)} sub={r ? `${formatCount(r.filesSeen)} files seen` : ''} />
            <Stat label="Split" value={`${formatCount(dataset.samples.train)} / ${formatCount(dataset.samples.val)} / ${formatCount(dataset.samples.test)}`} sub="train / val / test" />
            <Stat label="Classes" value={formatCount(dataset.classNames.length)} sub={r?.imbalanceRatio ? `imbalance ${formatNumber(r.imbalanceRatio, 2)}×` : r ? 'one class is empty' : ''} />
            <Stat label="Image size" value={`${dataset.width}×${dataset.height}`} sub={dataset.channels === 1 ? 'gray, 1 channel' : 'color, 3 channels'} />
            <Stat label="Skipped files" value={formatCount(dataset.skippedFiles)} sub={dataset.skippedFiles > 0 ? 'listed below' : 'none left out'} />
            <Stat label="Duplicates" value={r ? formatCount(r.duplicates.length) : '–'} sub={r ? duplicatesSub(r) : ''} testId="duplicates-stat" />
            <Stat label="Import time" value={r ? formatDuration(r.elapsedMs / 1000) : '–'} sub={r ? `${formatCount(r.cacheHits)} from cache` : ''} />
          </div>
          {r?.warnings.map((w) => (
            <div key={w} className="notice warn">
              {w}
            </div>
          ))}
          {report.error && <div className="notice error">{report.error}</div>}
        </div>
      </div>
      {r && <ClassCountsChart report={r} />}
      <DatasetImages dataset={dataset} />
      {r && r.skipped.length > 0 && <SkippedTable report={r} />}
      {r && r.duplicates.length > 0 && <DuplicatesList report={r} />}
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete "${dataset.name}"?`}
          confirmLabel="Delete dataset"
          danger
          onCancel={() => setConfirmDelete(false)}
          onConfirm={async () => {
            setConfirmDelete(false);
            const result = await api.deleteDataset({ id: dataset.id });
            if (!result.ok) showToast(result.error.message, 'error');
            else {
              showToast(`Deleted "${dataset.name}"`, 'ok');
              await store.refreshDatasets();
              navigate({ view: 'datasets' });
            }
          }}
        >
          {usedBy > 0
            ? `${plural(usedBy, 'run')} trained on it; the lab refuses to delete a dataset while runs use it. Delete those runs first.`
            : 'The imported dataset and its report are removed from the lab. Your image folder is not touched.'}
        </ConfirmDialog>
      )}
    </>
  );
}

function duplicatesSub(report: ImportReport): string {
  if (report.duplicates.length === 0) return 'no identical files';
  const { extra, dropped } = duplicateCopies(report);
  return dropped > 0 ? `groups; ${formatCount(dropped)} copies left out` : `groups; all ${formatCount(extra)} copies kept`;
}

export function Stat({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="label">{label}</div>
      <div className="value" title={value}>
        {value}
      </div>
      <div className="sub">{sub}</div>
    </div>
  );
}

function ClassCountsChart({ report }: { report: ImportReport }) {
  const palette = usePalette();
  const data = useMemo(() => report.counts.map((c) => ({ name: c.className, train: c.train, val: c.val, test: c.test })), [report]);
  const hasTest = report.counts.some((c) => c.test > 0);
  return (
    <div className="panel" data-testid="class-counts">
      <div className="panel-head">
        <h2>Images per class</h2>
        <div className="legend">
          <span>
            <span className="swatch" style={{ background: palette.series[0] }} />
            train
          </span>
          <span>
            <span className="swatch" style={{ background: palette.series[1] }} />
            validation
          </span>
          {hasTest && (
            <span>
              <span className="swatch" style={{ background: palette.series[2] }} />
              test
            </span>
          )}
        </div>
      </div>
      <div className="panel-body" style={{ height: 240 }}>
        <BarChart responsive data={data} style={{ width: '100%', height: '100%' }} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" stroke={palette.axis} tick={{ fill: palette.text }} interval={0} angle={data.length > 8 ? -25 : 0} textAnchor={data.length > 8 ? 'end' : 'middle'} height={data.length > 8 ? 50 : 24} />
          <YAxis width={44} stroke={palette.axis} tick={{ fill: palette.text }} allowDecimals={false} />
          <Tooltip isAnimationActive={false} contentStyle={{ background: palette.tooltipBg, borderColor: palette.tooltipBorder, fontSize: 12 }} cursor={{ fill: palette.grid }} />
          <Bar dataKey="train" stackId="n" fill={palette.series[0]} isAnimationActive={false} />
          <Bar dataKey="val" name="validation" stackId="n" fill={palette.series[1]} isAnimationActive={false} />
          {hasTest && <Bar dataKey="test" stackId="n" fill={palette.series[2]} isAnimationActive={false} />}
        </BarChart>
      </div>
    </div>
  );
}

function SkippedTable({ report }: { report: ImportReport }) {
  const [all, setAll] = useState(false);
  const shown = all ? report.skipped : report.skipped.slice(0, 20);
  return (
    <div className="panel" data-testid="skipped-files">
      <div className="panel-head">
        <h2>Skipped files</h2>
        <span className="muted small">{plural(report.skipped.length, 'file')} left out</span>
      </div>
      <div className="table-wrap" style={{ maxHeight: 360 }}>
        <table className="table">
          <thead>
            <tr>
              <th>File</th>
              <th>Reason</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.path}>
                <td className="mono ellipsis" style={{ maxWidth: 320 }} title={s.path}>
                  {s.path}
                </td>
                <td className="nowrap">{skipReasonText[s.reason] ?? s.reason}</td>
                <td className="muted small">{s.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.skipped.length > shown.length && (
        <div className="panel-body">
          <button className="btn small" onClick={() => setAll(true)}>
            Show all {formatCount(report.skipped.length)}
          </button>
        </div>
      )}
    </div>
  );
}

/** Copies beyond the first of each group, and how many of them the import left out. */
export function duplicateCopies(report: ImportReport): { extra: number; dropped: number } {
  const extra = report.duplicates.reduce((sum, d) => sum + d.paths.length - 1, 0);
  const dropped = report.skipped.filter((s) => s.reason === 'duplicate').length;
  return { extra, dropped };
}

function DuplicatesList({ report }: { report: ImportReport }) {
  const { extra, dropped } = duplicateCopies(report);
  return (
    <div className="panel" data-testid="duplicates" data-extra={extra} data-dropped={dropped}>
      <div className="panel-head">
        <h2>Duplicates</h2>
        <span className="muted small">
          {dropped > 0
            ? `identical files; the first of each group is kept, ${plural(dropped, 'copy', 'copies')} left out`
            : `identical files; every copy was imported (${plural(extra, 'extra image')})`}
        </span>
      </div>
      <div className="panel-body stack">
        {report.duplicates.slice(0, 50).map((d) => (
          <div key={d.hash} className="small">
            <div className="row">
              {d.crossClass && <span className="badge failed">in different classes</span>}
              {d.crossSplit && <span className="badge paused">across splits</span>}
            </div>
            {d.paths.map((p, i) => (
              <div key={p} className={`mono ${i === 0 || dropped === 0 ? '' : 'muted'}`}>
                {i === 0 || dropped === 0 ? '✓ ' : '  '}
                {p}
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
