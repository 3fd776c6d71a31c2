/**
 * View 3, Runs: every run in the lab with status, key hyperparameters and accuracy;
 * filter, sort, rename, delete with confirmation; progress and ETA for active runs with
 * pause/resume/cancel; experiments with their notes and tags; pick runs to compare.
 */

import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../state/api';
import { useLab, useLabStore } from '../../state/lab-store';
import { useNavigate } from '../../state/navigation';
import { showToast } from '../../state/toasts';
import { isActive, type Experiment, type Run, type RunProgress, type RunStatus } from '../../state/types';
import { StatusBadge } from '../../components/StatusBadge';
import { PauseResumeButtons } from '../../components/PauseResumeButtons';
import { ProgressBar } from '../../components/ProgressBar';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { describeModel, describeOptimizer, describeRegularizer, modelKind } from '../../describe';
import { formatCount, formatDuration, formatEta, formatNumber, formatPercent, formatWhen, plural } from '../../format';
import { baselineText, noBetterThanBaseline, shownSummary } from '../../run-summary';
import { deleteRun, runControl } from './run-actions';
import { StoragePanel } from './StoragePanel';

type SortKey = 'createdAt' | 'name' | 'status' | 'valAccuracy' | 'trainDataLoss' | 'trainSeconds';

const statusFilters: { value: string; label: string; statuses: RunStatus[] | null }[] = [
  { value: 'all', label: 'All statuses', statuses: null },
  { value: 'active', label: 'Queued or running', statuses: ['queued', 'running'] },
  { value: 'paused', label: 'Paused or interrupted', statuses: ['paused', 'interrupted'] },
  { value: 'done', label: 'Done', statuses: ['done'] },
  { value: 'problem', label: 'Failed, diverged, cancelled', statuses: ['failed', 'diverged', 'cancelled'] },
];

/** Fraction of a run done, from its latest progress event when there is one. */
export function runFraction(run: Run, progress: RunProgress | undefined): number {
  if (progress && progress.epochs > 0) {
    const within = progress.stepsPerEpoch > 0 ? (progress.step - progress.epoch * progress.stepsPerEpoch) / progress.stepsPerEpoch : 0;
    return Math.min(1, (progress.epoch + Math.max(0, Math.min(1, within))) / progress.epochs);
  }
  return run.config.epochs > 0 ? run.epochsDone / run.config.epochs : 0;
}

const pageSize = 200;

export function RunsView() {
  const api = useApi();
  const store = useLabStore();
  const navigate = useNavigate();
  const runs = useLab((s) => s.runs);
  const progress = useLab((s) => s.progress);
  const experiments = useLab((s) => s.experiments);
  const datasets = useLab((s) => s.datasets);
  const loaded = useLab((s) => s.loaded);
  const [text, setText] = useState('');
  const [status, setStatus] = useState('all');
  const [experimentFilter, setExperimentFilter] = useState<string>('all');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'createdAt', descending: true });
  const [selected, setSelected] = useState<number[]>([]);
  const [renaming, setRenaming] = useState<number | null>(null);
  const [confirm, setConfirm] = useState<Run | null>(null);
  const [limit, setLimit] = useState(pageSize);
  const [storageOpen, setStorageOpen] = useState(false);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key === '/' && target.tagName !== 'INPUT' && target.tagName !== 'TEXTAREA') {
        event.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const datasetName = useMemo(() => new Map(datasets.map((d) => [d.id, d.name])), [datasets]);
  const experimentName = useMemo(() => new Map(experiments.map((e) => [e.id, e.name])), [experiments]);

  const shown = useMemo(() => {
    const statuses = statusFilters.find((f) => f.value === status)?.statuses ?? null;
    const needle = text.trim().toLowerCase();
    const filtered = runs.filter((r) => {
      if (statuses && !statuses.includes(r.status)) return false;
      if (experimentFilter !== 'all' && String(r.experimentId ?? 'none') !== experimentFilter) return false;
      if (!needle) return true;
      const haystack = `${r.name} ${experimentName.get(r.experimentId ?? -1) ?? ''} ${modelKind(r.config.model)} ${describeRegularizer(r.config.regularizer)} ${r.status}`.toLowerCase();
      return haystack.includes(needle);
    });
    const value = (r: Run): number | string => {
      switch (sort.key) {
        case 'name':
          return r.name.toLowerCase();
        case 'status':
          return r.status;
        case 'valAccuracy':
          return r.summary.valAccuracy ?? -Infinity;
        case 'trainDataLoss':
          return r.summary.trainDataLoss ?? Infinity;
        case 'trainSeconds':
          return r.trainSeconds;
        default:
          return r.createdAt * 1e6 + r.id;
      }
    };
    return filtered.slice().sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      const order = va < vb ? -1 : va > vb ? 1 : 0;
      return sort.descending ? -order : order;
    });
  }, [runs, status, experimentFilter, text, sort, experimentName]);

  const toggleSort = (key: SortKey) => setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'name' }));
  const sortMark = (key: SortKey) => (sort.key === key ? (sort.descending ? ' ↓' : ' ↑') : '');
  const toggleSelect = (id: number) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const activeExperiment = experiments.find((e) => String(e.id) === experimentFilter) ?? null;

  if (loaded && runs.length === 0) {
    return (
      <div className="view">
        <div className="view-head">
          <div className="grow">
            <h1>Runs</h1>
          </div>
        </div>
        <div className="panel">
          <EmptyState
            art="☰"
            title="No runs yet"
            action={
              datasets.length === 0 ? (
                <button className="btn primary" onClick={() => navigate({ view: 'datasets' })}>
                  Import the built-in sample
                </button>
              ) : (
                <button className="btn primary" onClick={() => navigate({ view: 'new' })}>
                  New experiment
                </button>
              )
            }
          >
            {datasets.length === 0
              ? 'Every training run shows up here. First import a dataset: the built-in Fashion-MNIST sample takes a few seconds.'
              : 'Every training run shows up here, with its progress while it trains. Start one from a preset.'}
          </EmptyState>
        </div>
      </div>
    );
  }

  return (
    <div className="view">
      <div className="view-head">
        <div className="grow">
          <h1>Runs</h1>
          <p>
            {plural(runs.length, 'run')}, {formatCount(runs.filter((r) => isActive(r.status)).length)} active. Select two or more to compare.
          </p>
        </div>
        <button className="btn" onClick={() => setStorageOpen(true)} data-testid="open-storage" title="Database size, size per run, Compact">
          Storage
        </button>
        {storageOpen && <StoragePanel onClose={() => setStorageOpen(false)} />}
        <button className="btn" disabled={selected.length < 2} onClick={() => navigate({ view: 'compare', runIds: selected })} data-testid="compare-selected">
          Compare {selected.length > 1 ? selected.length : ''} selected
        </button>
        <button className="btn primary" onClick={() => navigate({ view: 'new' })}>
          New experiment
        </button>
      </div>
      <div className="row">
        <input ref={search} className="input" style={{ width: 240 }} placeholder="Search runs  ( / )" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search runs" />
        <select className="select" value={status} onChange={(e) => setStatus(e.target.value)} aria-label="Status filter">
          {statusFilters.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <select className="select" value={experimentFilter} onChange={(e) => setExperimentFilter(e.target.value)} aria-label="Experiment filter">
          <option value="all">All experiments</option>
          <option value="none">No experiment</option>
          {experiments.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
        <span className="small muted num">{shown.length !== runs.length ? `${formatCount(shown.length)} shown` : ''}</span>
      </div>
      {activeExperiment && <ExperimentPanel key={activeExperiment.id} experiment={activeExperiment} onDeleted={() => setExperimentFilter('all')} />}
      <div className="panel">
        <div className="table-wrap">
          <table className="table" data-testid="runs-table">
            <thead>
              <tr>
                <th style={{ width: 28 }}>
                  <span className="sr-only">Select</span>
                </th>
                <th className="sortable" onClick={() => toggleSort('name')}>
                  Run{sortMark('name')}
                </th>
                <th className="sortable" onClick={() => toggleSort('createdAt')}>
                  Created{sortMark('createdAt')}
                </th>
                <th className="sortable" onClick={() => toggleSort('status')}>
                  Status{sortMark('status')}
                </th>
                <th style={{ width: 190 }}>Progress</th>
                <th>Model</th>
                <th>Regularizer</th>
                <th className="sortable right" onClick={() => toggleSort('valAccuracy')}>
                  Val acc{sortMark('valAccuracy')}
                </th>
                <th className="sortable right" onClick={() => toggleSort('trainDataLoss')} title="The last epoch's data loss on the training split; the penalty λR(W) is shown under it, never added in">
                  Train data loss{sortMark('trainDataLoss')}
                </th>
                <th className="sortable right" onClick={() => toggleSort('trainSeconds')}>
                  Time{sortMark('trainSeconds')}
                </th>
                <th className="right">Actions</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, limit).map((run) => (
                <RunRow
                  key={run.id}
                  run={run}
                  progress={progress.get(run.id)}
                  selected={selected.includes(run.id)}
                  onSelect={() => toggleSelect(run.id)}
                  renaming={renaming === run.id}
                  onRename={() => setRenaming(run.id)}
                  onRenamed={async (name) => {
                    setRenaming(null);
                    if (!name || name === run.name) return;
                    const result = await api.renameRun({ id: run.id, name });
                    if (!result.ok) showToast(result.error.message, 'error');
                    else store.upsertRun(result.value);
                  }}
                  onDelete={() => setConfirm(run)}
                  dataLabel={run.data.kind === 'toy' ? `${run.data.toy} toy` : (datasetName.get(run.data.datasetId) ?? `dataset ${run.data.datasetId}`)}
                  experimentLabel={run.experimentId !== null ? experimentName.get(run.experimentId) : undefined}
                />
              ))}
            </tbody>
          </table>
        </div>
        {shown.length > limit && (
          <div className="panel-body">
            <button className="btn small" onClick={() => setLimit((l) => l + pageSize)}>
              Show {formatCount(Math.min(pageSize, shown.length - limit))} more
            </button>
          </div>
        )}
        {shown.length === 0 && <div className="panel-body muted">No run matches the filters.</div>}
      </div>
      {confirm && (
        <ConfirmDialog
          title={`Delete "${confirm.name}"?`}
          confirmLabel="Delete run"
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            const run = confirm;
            setConfirm(null);
            if (await deleteRun(api, run)) {
              store.removeRun(run.id);
              setSelected((s) => s.filter((id) => id !== run.id));
              void store.refreshExperiments();
            }
          }}
        >
          Its metrics and checkpoints are deleted too{isActive(confirm.status) ? '; the training is cancelled first' : ''}. This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}

function RunRow({
  run,
  progress,
  selected,
  onSelect,
  renaming,
  onRename,
  onRenamed,
  onDelete,
  dataLabel,
  experimentLabel,
}: {
  run: Run;
  progress: RunProgress | undefined;
  selected: boolean;
  onSelect: () => void;
  renaming: boolean;
  onRename: () => void;
  onRenamed: (name: string) => void;
  onDelete: () => void;
  dataLabel: string;
  experimentLabel?: string;
}) {
  const api = useApi();
  const store = useLabStore();
  const navigate = useNavigate();
  const summary = shownSummary(run, progress);
  const fraction = runFraction(run, progress);
  const active = isActive(run.status);
  const control = async (command: 'pause' | 'resume' | 'cancel') => {
    const updated = await runControl(api, run, command);
    if (updated) store.upsertRun(updated);
  };
  return (
    <tr className={selected ? 'selected' : ''} data-run-id={run.id} data-status={run.status}>
      <td>
        <input type="checkbox" className="checkbox" checked={selected} onChange={onSelect} aria-label={`Select ${run.name}`} />
      </td>
      <td style={{ maxWidth: 260 }}>
        {renaming ? (
          <input
            className="input"
            defaultValue={run.name}
            autoFocus
            aria-label="New name"
            onBlur={(e) => onRenamed(e.target.value.trim())}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onRenamed((e.target as HTMLInputElement).value.trim());
              if (e.key === 'Escape') onRenamed('');
            }}
          />
        ) : (
          <div className="stack" style={{ gap: 0 }}>
            <button className="link-button ellipsis" onClick={() => navigate({ view: 'run', runId: run.id })} onDoubleClick={onRename} title="Open the dashboard (double-click to rename)">
              {run.name}
            </button>
            <span className="small faint ellipsis">
              #{run.id} · {dataLabel}
              {experimentLabel ? ` · ${experimentLabel}` : ''}
              {run.twinGroup ? ' · twin' : ''}
            </span>
          </div>
        )}
      </td>
      <td className="nowrap small muted">{formatWhen(run.createdAt)}</td>
      <td>
        <StatusBadge status={run.status} />
      </td>
      <td>
        <div className="progress-block" style={{ gap: 3 }}>
          <ProgressBar value={run.status === 'queued' ? 0 : fraction} paused={!active && run.status !== 'done'} label={`${run.name} progress`} />
          <span className="small muted num nowrap">
            epoch {formatCount(progress?.epoch ?? run.epochsDone)}/{formatCount(run.config.epochs)}
            {run.status === 'running' ? ` · ${formatEta(progress?.etaSeconds)}` : run.status === 'queued' ? ' · waiting for a free slot' : ''}
          </span>
        </div>
      </td>
      <td className="nowrap" title={describeModel(run.config.model)}>
        {modelKind(run.config.model)}
        <div className="small faint">{run.config.loss === 'svm' ? 'SVM' : 'softmax'}</div>
      </td>
      <td className="nowrap">
        <div>{describeRegularizer(run.config.regularizer)}</div>
        <div className="small faint">{describeOptimizer(run.config.optimizer)}</div>
      </td>
      <td className="right num">
        <span className={noBetterThanBaseline(summary.valAccuracy, run.splits?.val) ? 'warn-text' : undefined} data-testid="run-val-acc">{formatPercent(summary.valAccuracy)}</span>
        {run.splits?.val && <div className="small faint nowrap" data-testid="run-val-baseline" title={`always answering “${run.splits.val.majorityClass}” scores this on the ${run.splits.val.samples} validation images`}>{baselineText(run.splits.val)}</div>}
      </td>
      <td className="right num">
        <span data-testid="run-train-data-loss">{formatNumber(summary.trainDataLoss)}</span>
        {run.config.regularizer.kind !== 'none' && (
          <div className="small faint nowrap">
            penalty <span data-testid="run-penalty">{formatNumber(summary.trainPenalty)}</span>
          </div>
        )}
      </td>
      <td className="right num nowrap">{formatDuration(run.trainSeconds)}</td>
      <td className="right">
        <div className="row nowrap" style={{ justifyContent: 'flex-end', gap: 4 }}>
          <PauseResumeButtons run={run} onControl={(command) => void control(command)} />
          {(active || run.status === 'paused' || run.status === 'interrupted') && (
            <button className="btn small" onClick={() => void control('cancel')}>
              Cancel
            </button>
          )}
          <button className="btn small ghost" onClick={onRename} aria-label={`Rename ${run.name}`} title="Rename">
            ✎
          </button>
          <button className="btn small ghost danger" onClick={onDelete} aria-label={`Delete ${run.name}`} title="Delete">
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}

function ExperimentPanel({ experiment, onDeleted }: { experiment: Experiment; onDeleted: () => void }) {
  const api = useApi();
  const store = useLabStore();
  const [name, setName] = useState(experiment.name);
  const [notes, setNotes] = useState(experiment.notes);
  const [tags, setTags] = useState(experiment.tags.join(', '));
  const [confirm, setConfirm] = useState(false);
  const save = async (what: 'name' | 'notes' | 'tags') => {
    const result =
      what === 'name'
        ? name.trim() && name.trim() !== experiment.name
          ? await api.renameExperiment({ id: experiment.id, name: name.trim() })
          : null
        : what === 'notes'
          ? notes !== experiment.notes
            ? await api.setExperimentNotes({ id: experiment.id, notes })
            : null
          : await api.setExperimentTags({
              id: experiment.id,
              tags: [...new Set(tags.split(',').map((t) => t.trim()).filter(Boolean))],
            });
    if (!result) return;
    if (!result.ok) showToast(result.error.message, 'error');
    else {
      showToast('Saved', 'ok');
      void store.refreshExperiments();
    }
  };
  return (
    <div className="panel">
      <div className="panel-head">
        <input className="input" style={{ fontWeight: 600, flex: 1, maxWidth: 360 }} value={name} onChange={(e) => setName(e.target.value)} onBlur={() => void save('name')} aria-label="Experiment name" />
        <span className="small muted">{plural(experiment.runCount, 'run')}</span>
        <button className="btn danger small" onClick={() => setConfirm(true)}>
          Delete experiment
        </button>
      </div>
      <div className="panel-body grid-2">
        <div className="field">
          <label>Notes</label>
          <textarea className="textarea" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} onBlur={() => void save('notes')} placeholder="What is this experiment about?" />
        </div>
        <div className="field">
          <label>Tags (comma separated)</label>
          <input className="input" value={tags} onChange={(e) => setTags(e.target.value)} onBlur={() => void save('tags')} placeholder="baseline, l1" />
          <div className="row">
            {experiment.tags.map((t) => (
              <span key={t} className="tag">
                {t}
              </span>
            ))}
          </div>
        </div>
      </div>
      {confirm && (
        <ConfirmDialog
          title={`Delete experiment "${experiment.name}"?`}
          confirmLabel={`Delete it and ${plural(experiment.runCount, 'run')}`}
          danger
          onCancel={() => setConfirm(false)}
          onConfirm={async () => {
            setConfirm(false);
            const result = await api.deleteExperiment({ id: experiment.id });
            if (!result.ok) return showToast(result.error.message, 'error');
            showToast(`Deleted "${experiment.name}"`, 'ok');
            onDeleted();
            await store.refreshAll();
          }}
        >
          All its runs, with their metrics and checkpoints, are deleted. This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
