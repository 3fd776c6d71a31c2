/**
 * Metric series of runs, kept current while they train without flooding the page: only the
 * series a chart shows, about as many points as it has pixels, re-fetched at most every
 * `intervalMs` and only for runs that moved on since their last fetch (progress events say
 * so), applied as a transition (React renders it in slices, so a chart update never holds
 * the main thread for long). A run whose answer did not change keeps its array, so memoised
 * charts skip their render.
 */

import { startTransition, useEffect, useRef, useState } from 'react';
import { useApi } from './api';
import { useLab, type LabSnapshot } from './lab-store';
import type { MetricSeries } from './types';

export interface SeriesKey {
  split: MetricSeries['split'];
  name: string;
}

/**
 * What makes a run's series grow: per-step series (mini-batches) with every progress step,
 * per-epoch series with every finished epoch; both with the status (a run that ends writes
 * its last rows).
 */
export type Granularity = 'step' | 'epoch';

export interface LiveSeries {
  /** each run's series in the order asked for (missing ones left out); absent until its first answer */
  byRun: ReadonlyMap<number, MetricSeries[]>;
  error: string | null;
}

function versionOf(snapshot: LabSnapshot, runId: number, granularity: Granularity): string {
  const run = snapshot.runs.find((r) => r.id === runId);
  const progress = snapshot.progress.get(runId);
  const moved = granularity === 'step' ? progress?.step : progress?.epoch;
  return `${moved ?? ''}:${run?.status ?? ''}:${run?.epochsDone ?? ''}`;
}

/** True when two answers for the same run draw the same thing (same counts, same last point). */
function sameSeries(a: readonly MetricSeries[], b: readonly MetricSeries[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((s, i) => {
    const t = b[i];
    const last = s.value.length - 1;
    return s.split === t.split && s.name === t.name && s.total === t.total && s.value.length === t.value.length && s.step[last] === t.step[last] && s.value[last] === t.value[last];
  });
}

/**
 * The live views' refresh interval: a visible run's curves update at least once a second and
 * never trail its progress bar by more than a second (the interval plus one answer).
 */
export const LIVE_SERIES_INTERVAL_MS = 750;

export function useLiveSeries(runIds: readonly number[], wanted: readonly SeriesKey[], maxPoints: number, granularity: Granularity, intervalMs = LIVE_SERIES_INTERVAL_MS): LiveSeries {
  const api = useApi();
  const key = `${runIds.join(',')}|${wanted.map((w) => `${w.split}.${w.name}`).join(',')}|${maxPoints}`;
  // a string: the component re-renders only when some run's version changes
  const versions = useLab((s) => runIds.map((id) => versionOf(s, id, granularity)).join('|'));
  const [state, setState] = useState<{ key: string; byRun: ReadonlyMap<number, MetricSeries[]>; error: string | null }>({ key, byRun: new Map(), error: null });

  const latest = useRef({ key, runIds, wanted, maxPoints, versions });
  latest.current = { key, runIds, wanted, maxPoints, versions };
  const loop = useRef<{ key: string; fetched: Map<number, string>; lastAt: number; busy: boolean; timer: ReturnType<typeof setTimeout> | null; alive: boolean }>({
    key: '',
    fetched: new Map(),
    lastAt: 0,
    busy: false,
    timer: null,
    alive: true,
  });

  useEffect(() => {
    const l = loop.current;
    l.alive = true;
    return () => {
      // an answer in flight is dropped
      l.alive = false;
      if (l.timer) clearTimeout(l.timer);
      l.timer = null;
    };
  }, []);

  // Runs on every version change but never cancels a fetch in flight: under load, answers
  // take longer than progress events take to arrive, and cancelling would starve the chart.
  useEffect(() => {
    const l = loop.current;
    const pump = () => {
      if (!l.alive) return;
      const now = latest.current;
      if (l.key !== now.key) {
        // different runs or series: start over, at once
        l.key = now.key;
        l.fetched = new Map();
        l.lastAt = 0;
        if (l.timer) clearTimeout(l.timer);
        l.timer = null;
      }
      if (l.busy || l.timer) return;
      const versionList = now.versions.split('|');
      if (now.runIds.every((id, i) => l.fetched.get(id) === versionList[i])) return;
      l.timer = setTimeout(fetchStale, Math.max(0, intervalMs - (Date.now() - l.lastAt)));
    };
    const fetchStale = () => {
      l.timer = null;
      const asked = latest.current;
      if (asked.key !== l.key) return pump();
      const askedVersions = asked.versions.split('|');
      const stale = asked.runIds.map((id, i) => ({ id, version: askedVersions[i] })).filter((r) => l.fetched.get(r.id) !== r.version);
      l.busy = true;
      l.lastAt = Date.now();
      const settle = () => {
        l.busy = false;
        pump();
      };
      void Promise.all(stale.map((r) => api.getMetricSeries({ runId: r.id, series: [...asked.wanted], maxPoints: asked.maxPoints }))).then(
        (results) => {
          if (!l.alive || latest.current.key !== asked.key || l.key !== asked.key) return settle();
          let error: string | null = null;
          const answers = new Map<number, MetricSeries[]>();
          results.forEach((result, i) => {
            if (!result.ok) {
              error = result.error.message;
              return;
            }
            answers.set(stale[i].id, result.value.series);
            l.fetched.set(stale[i].id, stale[i].version);
          });
          startTransition(() =>
            setState((previous) => {
              const fresh = previous.key !== asked.key;
              const byRun = new Map(fresh ? [] : previous.byRun);
              let changed = fresh;
              for (const [runId, series] of answers) {
                const before = byRun.get(runId);
                if (before && sameSeries(before, series)) continue;
                byRun.set(runId, series);
                changed = true;
              }
              if (!changed && previous.error === error) return previous;
              return { key: asked.key, byRun: changed ? byRun : previous.byRun, error };
            }),
          );
          settle();
        },
        (reason: unknown) => {
          if (l.alive) setState((previous) => ({ ...previous, error: String(reason) }));
          settle();
        },
      );
    };
    pump();
  }, [api, key, versions, intervalMs]);

  return state.key === key ? { byRun: state.byRun, error: state.error } : { byRun: emptyMap, error: null };
}

const emptyMap: ReadonlyMap<number, MetricSeries[]> = new Map();
