/** Small hooks the views share: loading an API value, and re-loading it while a run trains. */

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../../src-shared/api/contract';
import { useLab } from './lab-store';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls `load` when `key` or `refresh` changes and on `reload()`. A new `key` is a
 * different thing (its value starts empty); a new `refresh` re-loads the same thing and
 * keeps the previous value on screen until the new one arrives (no flicker, no jumps).
 * Answers to superseded calls are dropped.
 */
export function useApiValue<T>(load: (() => Promise<ApiResult<T>>) | null, key: string, refresh: string | number = 0): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean; key: string }>({ data: null, error: null, loading: load !== null, key });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const call = useRef(0);
  useEffect(() => {
    const current = loadRef.current;
    if (!current) {
      setState({ data: null, error: null, loading: false, key });
      return;
    }
    const id = ++call.current;
    setState((s) => ({ data: s.key === key ? s.data : null, error: s.key === key ? s.error : null, loading: true, key }));
    current().then(
      (result) => {
        if (id !== call.current) return;
        if (result.ok) setState({ data: result.value, error: null, loading: false, key });
        else setState((s) => ({ data: s.key === key ? s.data : null, error: result.error.message, loading: false, key }));
      },
      (error: unknown) => {
        if (id === call.current) setState((s) => ({ ...s, error: String(error), loading: false }));
      },
    );
  }, [key, refresh, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.key === key ? state.data : null, error: state.key === key ? state.error : null, loading: state.loading, reload };
}

/**
 * A counter that moves on while any of `runIds` reports progress, at most once per
 * `intervalMs`: a dependency for re-fetching series of training runs.
 */
export function useLiveTick(runIds: readonly number[], intervalMs = 1000): number {
  const progress = useLab((s) => s.progress);
  const runs = useLab((s) => s.runs);
  const [tick, setTick] = useState(0);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const signature = runIds
    .map((id) => {
      const p = progress.get(id);
      const r = runs.find((run) => run.id === id);
      return `${id}:${p?.step ?? ''}:${r?.status ?? ''}:${r?.epochsDone ?? ''}`;
    })
    .join('|');
  useEffect(() => {
    const now = Date.now();
    const wait = Math.max(0, intervalMs - (now - last.current));
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      setTick((t) => t + 1);
    }, wait);
  }, [signature, intervalMs]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );
  return tick;
}
