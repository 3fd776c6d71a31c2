/**
 * The new-experiment form remembers where the user left it: main keeps the last draft and
 * the last one per dataset (getFormDraft / saveFormDraft), so a reload or a restart brings
 * the form back, and choosing a dataset brings back what was set up for it.
 */

import { useCallback, useEffect, useRef, useState } from 'react';
import type { NeuralLabApi } from '../../../src-shared/api/contract';
import { defaultDraft, draftForSaving, draftKey, restoreDraft, type Draft } from './draft';

/** Saved once typing pauses this long. */
const saveDelayMs = 400;

/** Switching views keeps the draft in memory too, so coming back needs no round trip. */
let inMemory: Draft | null = null;

export interface RememberedDraft {
  draft: Draft;
  setDraft: (update: (draft: Draft) => Draft) => void;
  /** false until the remembered draft has arrived (the form waits rather than flash defaults) */
  ready: boolean;
  /** Chooses a dataset, bringing back the draft last used with it (if any). */
  chooseDataset: (id: number | null) => void;
}

export function useRememberedDraft(api: NeuralLabApi, routeDatasetId: number | undefined): RememberedDraft {
  const [draft, setDraftState] = useState<Draft>(() => inMemory ?? { ...defaultDraft });
  const [ready, setReady] = useState(inMemory !== null);
  const chosen = useRef(0);

  useEffect(() => {
    if (inMemory !== null && (routeDatasetId === undefined || inMemory.datasetId === routeDatasetId)) return;
    let current = true;
    void (async () => {
      const asked = routeDatasetId !== undefined ? await api.getFormDraft({ key: `dataset:${routeDatasetId}` }) : null;
      const found = asked?.ok && asked.value.draft ? asked.value.draft : null;
      const last = found ? null : await api.getFormDraft({ key: 'last' });
      if (!current) return;
      const saved = found ?? (last?.ok ? last.value.draft : null);
      if (saved) setDraftState((d) => restoreDraft(saved, d));
      setReady(true);
    })();
    return () => {
      current = false;
    };
  }, [api, routeDatasetId]);

  // Saved (debounced) as the last draft and as its dataset's.
  useEffect(() => {
    // only a restored (or edited) draft counts: defaults shown while the remembered one loads must not stand in for it
    if (!ready) return;
    inMemory = draft;
    const timer = setTimeout(() => {
      const saved = draftForSaving(draft);
      void api.saveFormDraft({ key: 'last', draft: saved });
      const key = draftKey(draft);
      if (key) void api.saveFormDraft({ key, draft: saved });
    }, saveDelayMs);
    return () => clearTimeout(timer);
  }, [api, draft, ready]);

  const setDraft = useCallback((update: (draft: Draft) => Draft) => setDraftState(update), []);

  const chooseDataset = useCallback(
    (id: number | null) => {
      const ask = ++chosen.current;
      setDraftState((d) => ({ ...d, datasetId: id }));
      if (id === null) return;
      void api.getFormDraft({ key: `dataset:${id}` }).then((result) => {
        if (ask !== chosen.current || !result.ok || !result.value.draft) return;
        setDraftState((d) => ({ ...restoreDraft(result.value.draft, d), dataKind: 'dataset', datasetId: id }));
      });
    },
    [api],
  );

  return { draft, setDraft, ready, chooseDataset };
}
