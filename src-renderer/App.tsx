/**
 * The shell: sidebar navigation, a header with the running-jobs indicator, the current
 * view, toasts, keyboard shortcuts. Views are chosen by the URL hash (route.ts) and get
 * the API from context.
 */

import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { NeuralLabApi } from '../src-shared/api/contract';
import { ApiContext } from './state/api';
import { LabState, LabStateContext, useLab, useLabStore } from './state/lab-store';
import { NavigationContext, useHashRoute, type Navigate } from './state/navigation';
import { dismissToast, useToasts } from './state/toasts';
import type { Route, ViewName } from './route';
import { ProgressBar } from './components/ProgressBar';
import { Dialog } from './components/Dialog';
import { formatCount, formatEta, formatPercent } from './format';
import { DatasetsView } from './views/datasets/DatasetsView';
import { NewExperimentView } from './views/experiment/NewExperimentView';
import { RunsView } from './views/runs/RunsView';
import { RunDashboard } from './views/dashboard/RunDashboard';
import { CompareView } from './views/compare/CompareView';
import { PredictView } from './views/predict/PredictView';
import { ExportView } from './views/export/ExportView';
import { InsightView } from './views/InsightHost';
import { runControl } from './views/runs/run-actions';
import { runFraction } from './views/runs/RunsView';
import { isActive } from './state/types';

interface NavEntry {
  view: ViewName;
  label: string;
  icon: string;
  key: string;
  section: string;
}

export const navEntries: NavEntry[] = [
  { view: 'datasets', label: 'Datasets', icon: '▦', key: '1', section: 'Data' },
  { view: 'new', label: 'New experiment', icon: '+', key: '2', section: 'Train' },
  { view: 'runs', label: 'Runs', icon: '☰', key: '3', section: 'Train' },
  { view: 'run', label: 'Run dashboard', icon: '◔', key: '4', section: 'Train' },
  { view: 'templates', label: 'Weight templates', icon: '▩', key: '5', section: 'Look inside' },
  { view: 'sparsity', label: 'Sparsity L1 vs L2', icon: '▮', key: '6', section: 'Look inside' },
  { view: 'compare', label: 'Compare', icon: '⇆', key: '7', section: 'Look inside' },
  { view: 'spacewarp', label: 'Space warping', icon: '◎', key: '8', section: 'Look inside' },
  { view: 'predict', label: 'Predict', icon: '➜', key: '9', section: 'Use' },
  { view: 'export', label: 'Export', icon: '⇪', key: '0', section: 'Use' },
];

const viewTitles: Record<ViewName, string> = Object.fromEntries(navEntries.map((e) => [e.view, e.label])) as Record<ViewName, string>;

export function App({ api }: { api: NeuralLabApi }) {
  const store = useMemo(() => new LabState(api), [api]);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const [route, navigate] = useHashRoute();
  return (
    <ApiContext.Provider value={api}>
      <LabStateContext.Provider value={store}>
        <NavigationContext.Provider value={navigate}>
          <Shell route={route} navigate={navigate} />
        </NavigationContext.Provider>
      </LabStateContext.Provider>
    </ApiContext.Provider>
  );
}

/** Inputs that take no typed text: a shortcut key pressed while one has focus is still a shortcut. */
const keylessInputs = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'image']);

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  const tag = element.tagName;
  if (tag === 'INPUT') return !keylessInputs.has((element as HTMLInputElement).type);
  return tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable;
}

function Shell({ route, navigate }: { route: Route; navigate: Navigate }) {
  const api = useLabStore().api;
  const runs = useLab((s) => s.runs);
  const [help, setHelp] = useState(false);
  const runsRef = useRef(runs);
  runsRef.current = runs;
  const routeRef = useRef(route);
  routeRef.current = route;

  // The most recent run, for nav entries that need one.
  const go = (view: ViewName) => {
    const current = routeRef.current;
    const latest = runsRef.current[0]?.id;
    const runId = current.runId ?? current.runIds?.[0] ?? latest;
    if (view === 'run') navigate(runId !== undefined ? { view, runId } : { view: 'runs' });
    else if (view === 'templates' || view === 'predict' || view === 'export') navigate({ view, runId });
    else navigate({ view });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.metaKey || event.ctrlKey || isTyping(event.target)) return;
      if (document.querySelector('.dialog-backdrop')) return;
      const entry = navEntries.find((e) => e.key === event.key);
      if (entry) {
        event.preventDefault();
        go(entry.view);
      } else if (event.key === 'n') {
        event.preventDefault();
        navigate({ view: 'new' });
      } else if (event.key === '?') {
        event.preventDefault();
        setHelp(true);
      } else if (event.key === 'p' && routeRef.current.view === 'run' && routeRef.current.runId !== undefined) {
        const run = runsRef.current.find((r) => r.id === routeRef.current.runId);
        if (run) {
          event.preventDefault();
          void runControl(api, run, run.status === 'running' || run.status === 'queued' ? 'pause' : 'resume');
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // `go` reads refs only, so the handler stays valid for the shell's life.
  }, [api, navigate]);

  // The desktop menu asks for views.
  useEffect(
    () =>
      api.onMenuCommand(({ command }) => {
        if (command === 'import-folder' || command === 'import-sample' || command === 'show-datasets') navigate({ view: 'datasets' });
        else if (command === 'new-experiment') navigate({ view: 'new' });
        else if (command === 'show-runs') navigate({ view: 'runs' });
        else if (command === 'about') setHelp(true);
      }),
    [api, navigate],
  );

  // A new place starts at its top.
  const place = `${route.view}/${route.runId ?? ''}/${route.runIds?.join(',') ?? ''}/${route.datasetId ?? ''}`;
  useEffect(() => {
    document.getElementById('main')?.scrollTo(0, 0);
  }, [place]);

  const active = route.view;
  let section = '';
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            N
          </span>
          <span className="brand-name">Neural Lab</span>
        </div>
        <div className="header-title ellipsis">{viewTitles[active]}</div>
        <ConnectionNotice />
        <JobsIndicator navigate={navigate} />
        <button className="btn ghost icon-only" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" onClick={() => setHelp(true)}>
          ?
        </button>
      </header>
      <nav className="sidebar" aria-label="Views">
        {navEntries.map((entry) => {
          const heading = entry.section !== section ? (section = entry.section) : null;
          return (
            <div key={entry.view}>
              {heading && <div className="nav-section">{heading}</div>}
              <button
                className={`nav-item${active === entry.view ? ' active' : ''}`}
                aria-current={active === entry.view ? 'page' : undefined}
                title={`${entry.label} (${entry.key})`}
                data-nav={entry.view}
                onClick={() => go(entry.view)}
              >
                <span className="icon" aria-hidden="true">
                  {entry.icon}
                </span>
                <span className="label">{entry.label}</span>
                <span className="key">{entry.key}</span>
              </button>
            </div>
          );
        })}
        <div className="sidebar-footer">
          Press <kbd>?</kbd> for shortcuts
        </div>
      </nav>
      <main className="main" id="main">
        <StartupNotices />
        <CurrentView route={route} />
      </main>
      <Toasts />
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </div>
  );
}

function CurrentView({ route }: { route: Route }): ReactNode {
  switch (route.view) {
    case 'datasets':
      return <DatasetsView datasetId={route.datasetId} />;
    case 'new':
      return <NewExperimentView datasetId={route.datasetId} />;
    case 'runs':
      return <RunsView />;
    case 'run':
      return route.runId !== undefined ? <RunDashboard key={route.runId} runId={route.runId} /> : <RunsView />;
    case 'compare':
      return <CompareView runIds={route.runIds ?? []} />;
    case 'predict':
      return <PredictView runId={route.runId} />;
    case 'export':
      return <ExportView runId={route.runId} />;
    case 'templates':
    case 'sparsity':
    case 'spacewarp':
      return <InsightView route={route} />;
  }
}

/** What start-up has to tell (a damaged database set aside, a backup before an upgrade), until dismissed. */
function StartupNotices() {
  const api = useLabStore().api;
  const [notices, setNotices] = useState<{ level: 'warning' | 'info'; message: string; path: string }[]>([]);
  useEffect(() => {
    let live = true;
    void api.getAppInfo().then((result) => {
      if (live && result.ok) setNotices(result.value.notices);
    });
    return () => {
      live = false;
    };
  }, [api]);
  if (notices.length === 0) return null;
  return (
    <div className="stack" style={{ padding: '14px 24px 0', maxWidth: 1400 }}>
      {notices.map((notice, i) => (
        <div key={notice.path + i} className={`notice ${notice.level === 'warning' ? 'warn' : ''} row nowrap`} role="status">
          <span style={{ flex: 1 }}>
            {notice.message} <span className="mono small">{notice.path}</span>
          </span>
          <button className="btn ghost small" aria-label="Dismiss" onClick={() => setNotices((list) => list.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}

function ConnectionNotice() {
  const error = useLab((s) => s.connectionError);
  if (!error) return null;
  return (
    <span className="badge failed" title={error} role="status">
      Cannot reach the lab
    </span>
  );
}

/** "2 training · 1 importing": opens a list with progress and the controls of each. */
function JobsIndicator({ navigate }: { navigate: Navigate }) {
  const runs = useLab((s) => s.runs);
  const jobs = useLab((s) => s.jobs);
  const progress = useLab((s) => s.progress);
  const [open, setOpen] = useState(false);
  const active = useMemo(() => runs.filter((r) => isActive(r.status)), [runs]);
  const training = active.filter((r) => r.status === 'running').length;
  const queued = active.length - training;
  const parts = [training > 0 && `${training} training`, queued > 0 && `${queued} queued`, jobs.length > 0 && `${jobs.length} importing`].filter(Boolean);
  const busy = parts.length > 0;
  const api = useLabStore().api;
  return (
    <div style={{ position: 'relative' }}>
      <button className={`jobs-indicator${busy ? ' active' : ''}`} onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="jobs-indicator">
        <span className="pulse" />
        <span className="num" style={{ minWidth: 92, textAlign: 'left' }}>
          {busy ? parts.join(' · ') : 'Nothing running'}
        </span>
      </button>
      {open && (
        <div className="panel" style={{ position: 'absolute', right: 0, top: 38, width: 340, zIndex: 30, boxShadow: 'var(--shadow-pop)' }} onMouseLeave={() => setOpen(false)}>
          <div className="panel-body stack">
            {!busy && <p className="muted">No training or import is running.</p>}
            {jobs.map((job) => (
              <div key={job.id} className="progress-block">
                <div className="row nowrap">
                  <span className="ellipsis" style={{ flex: 1 }}>
                    {job.label}
                  </span>
                  <button className="btn small" onClick={job.cancel}>
                    Cancel
                  </button>
                </div>
                <ProgressBar value={job.progress && job.progress.total > 0 ? job.progress.done / job.progress.total : null} label={job.label} />
              </div>
            ))}
            {active.map((run) => {
              const p = progress.get(run.id);
              const fraction = runFraction(run, p);
              return (
                <div key={run.id} className="progress-block">
                  <div className="row nowrap">
                    <button className="link-button ellipsis" style={{ flex: 1 }} onClick={() => navigate({ view: 'run', runId: run.id })}>
                      {run.name}
                    </button>
                    <span className="small muted num">{run.status === 'queued' ? 'queued' : `${formatPercent(fraction, 0)} · ${formatEta(p?.etaSeconds)}`}</span>
                    <button className="btn small" onClick={() => void runControl(api, run, 'pause')}>
                      Pause
                    </button>
                  </div>
                  <ProgressBar value={run.status === 'queued' ? 0 : fraction} label={run.name} />
                </div>
              );
            })}
            {active.length > 0 && <p className="small faint">{formatCount(active.length)} of the lab's runs are active.</p>}
          </div>
        </div>
      )}
    </div>
  );
}

function Toasts() {
  const toasts = useToasts();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast ${toast.kind}`}>
          <span className="msg">{toast.message}</span>
          <button className="btn ghost small" aria-label="Dismiss" onClick={() => dismissToast(toast.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}

function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog
      title="Keyboard shortcuts"
      onClose={onClose}
      footer={
        <button className="btn primary" onClick={onClose}>
          Close
        </button>
      }
    >
      <div className="shortcut-list">
        {navEntries.map((e) => (
          <FragmentRow key={e.view} keys={e.key} text={`Go to ${e.label}`} />
        ))}
        <FragmentRow keys="N" text="New experiment" />
        <FragmentRow keys="P" text="Pause or resume the run on its dashboard" />
        <FragmentRow keys="Ctrl Enter" text="Start the experiment being edited" />
        <FragmentRow keys="/" text="Search the runs list" />
        <FragmentRow keys="Esc" text="Close a dialog" />
        <FragmentRow keys="?" text="This list" />
      </div>
    </Dialog>
  );
}

function FragmentRow({ keys, text }: { keys: string; text: string }) {
  return (
    <>
      <span className="row nowrap">
        {keys.split(' ').map((k) => (
          <kbd key={k}>{k}</kbd>
        ))}
      </span>
      <span>{text}</span>
    </>
  );
}
