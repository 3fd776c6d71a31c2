/**
 * View 2, New experiment: data, model (linear or a stack of hidden layers), loss,
 * regulariser with λ on a log scale, optimiser and schedule, batch size, epochs, seed and
 * split, checked as you type; "Start" trains one run, "Start L1 vs L2 twins" trains the
 * same model twice with the same seed and split, once with each regulariser at one λ.
 */

import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../state/api';
import { useLab, useLabStore } from '../../state/lab-store';
import { useNavigate } from '../../state/navigation';
import { showToast } from '../../state/toasts';
import { Field, Segmented } from '../../components/Field';
import { LogNumberInput, NumberInput } from '../../components/NumberInput';
import { EmptyState } from '../../components/EmptyState';
import { describeModel, parameterCount } from '../../describe';
import { formatCount, formatHyper, plural } from '../../format';
import { featureDescriptions, IMAGE_FEATURES, POINT_FEATURES } from '../../../src-shared/features/transforms';
import { MIN_TRUSTED_VAL_SAMPLES } from '../../../src-shared/training/records';
import { useRememberedDraft } from './remembered-draft';
import {
  checkDraft,
  dataShape,
  draftConfig,
  draftData,
  draftLearningRate,
  layer,
  presets,
  switchDataKind,
  twinRegularizers,
  type ActivationKind,
  type Draft,
  type LayerDraft,
  type ToyKind,
} from './draft';

const activations: { value: ActivationKind; label: string }[] = [
  { value: 'relu', label: 'ReLU' },
  { value: 'leaky-relu', label: 'Leaky ReLU' },
  { value: 'sigmoid', label: 'Sigmoid' },
  { value: 'tanh', label: 'tanh' },
  { value: 'identity', label: 'Identity (none)' },
];

const toyKinds: ToyKind[] = ['spiral', 'circles', 'xor', 'moons', 'blobs'];

export function NewExperimentView({ datasetId }: { datasetId?: number }) {
  const api = useApi();
  const store = useLabStore();
  const navigate = useNavigate();
  const datasets = useLab((s) => s.datasets);
  const experiments = useLab((s) => s.experiments);
  const loaded = useLab((s) => s.loaded);
  const { draft, setDraft, ready, chooseDataset } = useRememberedDraft(api, datasetId);
  const [experiment, setExperiment] = useState<string>('none');
  const [newExperimentName, setNewExperimentName] = useState('');
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);

  // Preselect the dataset named in the route, else the newest one.
  useEffect(() => {
    if (!ready) return;
    setDraft((d) => {
      if (datasetId !== undefined && datasets.some((x) => x.id === datasetId)) return { ...d, dataKind: 'dataset', datasetId };
      if (d.datasetId === null || !datasets.some((x) => x.id === d.datasetId)) return { ...d, datasetId: datasets.at(-1)?.id ?? null };
      return d;
    });
  }, [datasetId, datasets, ready, setDraft]);

  const errors = useMemo(() => checkDraft(draft, datasets), [draft, datasets]);
  const valid = Object.keys(errors).length === 0 && !(experiment === 'new' && newExperimentName.trim() === '');
  const shape = dataShape(draft, datasets);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setLayer = (index: number, patch: Partial<LayerDraft>) => setDraft((d) => ({ ...d, hidden: d.hidden.map((h, i) => (i === index ? { ...h, ...patch } : h)) }));
  const moveLayer = (index: number, by: number) =>
    setDraft((d) => {
      const hidden = d.hidden.slice();
      const [moved] = hidden.splice(index, 1);
      hidden.splice(index + by, 0, moved);
      return { ...d, hidden };
    });
  const err = (field: string) => (showAll ? errors[field] : errors[field] && field !== 'datasetId' ? errors[field] : undefined);

  async function experimentId(): Promise<number | null | 'failed'> {
    if (experiment === 'none') return null;
    if (experiment !== 'new') return Number(experiment);
    const created = await api.createExperiment({ name: newExperimentName.trim() });
    if (!created.ok) {
      setServerError(created.error.message);
      return 'failed';
    }
    await store.refreshExperiments();
    setExperiment(String(created.value.id));
    return created.value.id;
  }

  async function start(twins: boolean) {
    setShowAll(true);
    const data = draftData(draft);
    if (!valid || !shape || !data || busy) return;
    setBusy(true);
    setServerError(null);
    try {
      const expId = await experimentId();
      if (expId === 'failed') return;
      const request = {
        experimentId: expId,
        ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
        config: draftConfig(draft, shape),
        data,
        split: { val: draft.valPercent / 100, test: draft.testPercent / 100, seed: draft.seed },
      };
      if (twins) {
        const result = await api.startTwins({ ...request, regularizers: twinRegularizers(draft) });
        if (!result.ok) return setServerError(result.error.message);
        for (const run of result.value.runs) store.upsertRun(run);
        showToast('Started the L1 and the L2 twin', 'ok');
        navigate({ view: 'compare', runIds: result.value.runs.map((r) => r.id) });
      } else {
        const result = await api.startRun(request);
        if (!result.ok) return setServerError(result.error.message);
        store.upsertRun(result.value);
        showToast(`Started "${result.value.name}"`, 'ok');
        navigate({ view: 'run', runId: result.value.id });
      }
      void store.refreshExperiments();
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        void start(event.shiftKey);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (loaded && datasets.length === 0 && draft.dataKind === 'dataset') {
    return (
      <div className="view">
        <Head onPreset={(p) => setDraft((d) => p.apply(d))} />
        <div className="panel">
          <EmptyState
            art="+"
            title="Nothing to train on yet"
            action={
              <>
                <button className="btn primary" onClick={() => navigate({ view: 'datasets' })}>
                  Import the built-in sample
                </button>
                <button className="btn" onClick={() => set('dataKind', 'toy')}>
                  Train on 2-D toy data
                </button>
              </>
            }
          >
            An experiment trains a model on a dataset. Import the built-in Fashion-MNIST sample (a few seconds), or start with a 2-D toy problem such as the
            spiral.
          </EmptyState>
        </div>
      </div>
    );
  }

  const config = shape ? draftConfig(draft, shape) : null;
  const params = config ? parameterCount(config.model) : null;
  const [l1Twin, l2Twin] = twinRegularizers(draft);
  const lr = draftLearningRate(draft, shape ?? { inputSize: 2 });
  const dataset = draft.dataKind === 'dataset' ? datasets.find((d) => d.id === draft.datasetId) : undefined;
  // about how many images the run will validate on (the split is drawn from the non-test images)
  const valImages = dataset ? Math.round(((dataset.samples.train + dataset.samples.val) * draft.valPercent) / 100) : null;
  const featureKinds = draft.dataKind === 'toy' ? POINT_FEATURES : IMAGE_FEATURES;

  return (
    <div className="view">
      <Head onPreset={(p) => setDraft((d) => p.apply(d))} />
      <div className="grid-2" style={{ alignItems: 'start' }}>
        <div className="stack">
          <div className="panel">
            <div className="panel-head">
              <h2>Data</h2>
              <Segmented
                label="Data source"
                value={draft.dataKind}
                onChange={(v) => setDraft((d) => switchDataKind(d, v))}
                options={[
                  { value: 'dataset', label: 'Image dataset' },
                  { value: 'toy', label: '2-D toy data' },
                ]}
              />
            </div>
            <div className="panel-body">
              {draft.dataKind === 'dataset' ? (
                <div className="fields">
                  <Field label="Dataset" error={err('datasetId')} hint={shape ? `${formatCount(shape.inputSize)} inputs, ${shape.numClasses} classes` : ''}>
                    <select className="select" aria-label="Dataset" value={draft.datasetId ?? ''} onChange={(e) => chooseDataset(e.target.value ? Number(e.target.value) : null)} data-testid="dataset-select">
                      {datasets.length === 0 && <option value="">No datasets</option>}
                      {datasets.map((d) => (
                        <option key={d.id} value={d.id}>
                          {d.name} ({d.width}×{d.height}
                          {d.channels === 1 ? ' gray' : ''})
                        </option>
                      ))}
                    </select>
                  </Field>
                  <label className="checkbox" title="Each training image is flipped left-right with probability ½, every time it is trained on">
                    <input type="checkbox" checked={draft.mirror} onChange={(e) => set('mirror', e.target.checked)} data-testid="mirror-augmentation" />
                    Mirror augmentation (random left-right flips: one template must serve both directions)
                  </label>
                  <Field label="Normalization" hint={draft.normalization === 'scale' ? 'pixels / 255' : draft.normalization === 'mean-image' ? 'minus the mean training image' : 'zero mean, unit variance per channel'}>
                    <select className="select" aria-label="Normalization" value={draft.normalization} onChange={(e) => set('normalization', e.target.value as Draft['normalization'])}>
                      <option value="scale">Scale to [0, 1]</option>
                      <option value="mean-image">Subtract mean image</option>
                      <option value="per-channel">Standardize per channel</option>
                    </select>
                  </Field>
                </div>
              ) : (
                <div className="fields">
                  <Field label="Shape" hint="points in the plane, one color per class">
                    <select className="select" aria-label="Toy data" value={draft.toy} onChange={(e) => set('toy', e.target.value as ToyKind)}>
                      {toyKinds.map((k) => (
                        <option key={k} value={k}>
                          {k}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label="Points" error={errors.toySamples}>
                    <NumberInput integer value={draft.toySamples} onChange={(v) => set('toySamples', v)} invalid={!!errors.toySamples} label="Points" />
                  </Field>
                  <Field label="Noise" error={errors.toyNoise}>
                    <NumberInput value={draft.toyNoise} onChange={(v) => set('toyNoise', v)} invalid={!!errors.toyNoise} label="Noise" />
                  </Field>
                  {(draft.toy === 'spiral' || draft.toy === 'blobs') && (
                    <Field label="Classes" error={errors.toyClasses}>
                      <NumberInput integer value={draft.toyClasses} onChange={(v) => set('toyClasses', v)} invalid={!!errors.toyClasses} label="Classes" />
                    </Field>
                  )}
                </div>
              )}
              <div className="fields">
                <Field label="Validation split" error={errors.valPercent} hint="% held out, stratified">
                  <NumberInput value={draft.valPercent} onChange={(v) => set('valPercent', v)} invalid={!!errors.valPercent} label="Validation percent" />
                </Field>
                <Field label="Test split" error={errors.testPercent} hint="% never trained on">
                  <NumberInput value={draft.testPercent} onChange={(v) => set('testPercent', v)} invalid={!!errors.testPercent} label="Test percent" />
                </Field>
              </div>
              {valImages !== null && valImages < MIN_TRUSTED_VAL_SAMPLES && !errors.valPercent && (
                <div className="notice small" data-testid="small-validation-warning">
                  {valImages === 0 ? 'No validation images: nothing will tell you whether the model generalizes.' : `Only about ${plural(valImages, 'validation image')}: its accuracy moves in steps of ${Math.round(100 / valImages)} points, too coarse to trust.`} Use {MIN_TRUSTED_VAL_SAMPLES} or more (a larger split, or more images).
                </div>
              )}
            </div>
          </div>

          <div className="panel" data-testid="model-builder">
            <div className="panel-head">
              <h2>Model</h2>
              <span className="small muted num">{params !== null ? `${formatCount(params)} parameters` : ''}</span>
            </div>
            <div className="panel-body stack">
              <div className="arch" data-testid="architecture">
                {config ? describeModel(config.model) : 'choose data to see the shapes'}
              </div>
              <Field label="Feature transform" error={errors.features} hint={draft.features === 'none' ? 'the model reads the input as it is' : `fixed, not learned: ${featureDescriptions[draft.features]}`}>
                <select className="select" aria-label="Feature transform" value={draft.features} onChange={(e) => set('features', e.target.value as Draft['features'])} data-testid="features-select">
                  <option value="none">None (raw input)</option>
                  {featureKinds.map((k) => (
                    <option key={k} value={k}>
                      {featureDescriptions[k]}
                    </option>
                  ))}
                </select>
              </Field>
              {draft.hidden.length === 0 ? (
                <p className="muted small">
                  Linear classifier: scores <code>s = W x + b</code>, one row of <code>W</code> per class. Add a hidden layer to make it a neural network.
                </p>
              ) : (
                <div className="layer-list">
                  {draft.hidden.map((h, i) => (
                    <div className="layer-row" key={h.key} data-testid="hidden-layer">
                      <span className="small muted">Layer {i + 1}</span>
                      <div>
                        <NumberInput integer value={h.units} onChange={(v) => setLayer(i, { units: v })} invalid={!!errors[`hidden.${i}.units`]} label={`Layer ${i + 1} width`} />
                      </div>
                      <select className="select" aria-label={`Layer ${i + 1} activation`} value={h.activation} onChange={(e) => setLayer(i, { activation: e.target.value as ActivationKind })}>
                        {activations.map((a) => (
                          <option key={a.value} value={a.value}>
                            {a.label}
                          </option>
                        ))}
                      </select>
                      <span className="small" style={{ color: 'var(--danger)' }}>
                        {errors[`hidden.${i}.units`] ?? errors[`hidden.${i}.alpha`] ?? (h.activation === 'leaky-relu' ? <span className="muted">slope α = {h.alpha}</span> : '')}
                      </span>
                      <span className="row nowrap">
                        <button className="btn ghost icon-only small" aria-label="Move up" disabled={i === 0} onClick={() => moveLayer(i, -1)}>
                          ↑
                        </button>
                        <button className="btn ghost icon-only small" aria-label="Move down" disabled={i === draft.hidden.length - 1} onClick={() => moveLayer(i, 1)}>
                          ↓
                        </button>
                        <button className="btn ghost icon-only small" aria-label="Remove layer" onClick={() => set('hidden', draft.hidden.filter((_, j) => j !== i))}>
                          ✕
                        </button>
                      </span>
                    </div>
                  ))}
                </div>
              )}
              {errors.hidden && <div className="notice error small">{errors.hidden}</div>}
              <div className="row">
                <button className="btn" onClick={() => set('hidden', [...draft.hidden, layer(draft.hidden.at(-1)?.units ?? 100, draft.hidden.at(-1)?.activation ?? 'relu')])} disabled={draft.hidden.length >= 8}>
                  + Add hidden layer
                </button>
                {draft.hidden.some((h) => h.activation === 'identity') && (
                  <span className="small muted">Identity layers add no capacity: the product of the weight matrices is one linear map.</span>
                )}
              </div>
              <Field label="Loss">
                <Segmented
                  label="Loss"
                  value={draft.loss}
                  onChange={(v) => set('loss', v)}
                  options={[
                    { value: 'softmax', label: 'Softmax (cross-entropy)' },
                    { value: 'svm', label: 'Multiclass SVM (hinge)' },
                  ]}
                />
              </Field>
            </div>
          </div>
          <div className="panel">
            <div className="panel-head">
              <h2>Regularization</h2>
              <span className="small muted">L = data loss + λ R(W)</span>
            </div>
            <div className="panel-body stack">
              <Segmented
                label="Regularizer"
                value={draft.regKind}
                onChange={(v) => set('regKind', v)}
                options={[
                  { value: 'none', label: 'None' },
                  { value: 'l1', label: 'L1  Σ|w|' },
                  { value: 'l2', label: 'L2  Σw²' },
                  { value: 'elastic', label: 'L1 + L2' },
                ]}
              />
              <div className="grid-2">
                <Field label="λ for L1" error={errors.l1} hint={`${draft.regKind === 'l1' || draft.regKind === 'elastic' ? 'pushes weights to exactly zero' : 'used with L1 or L1 + L2'} · the L1 twin uses this λ`}>
                  <LogNumberInput label="L1 lambda" value={draft.l1} onChange={(v) => set('l1', v)} minExp={-6} maxExp={0} invalid={!!errors.l1} />
                </Field>
                <Field label="λ for L2" error={errors.l2} hint={`${draft.regKind === 'l2' || draft.regKind === 'elastic' ? 'shrinks all weights a little' : 'used with L2 or L1 + L2'} · the L2 twin uses this λ`}>
                  <LogNumberInput label="L2 lambda" value={draft.l2} onChange={(v) => set('l2', v)} minExp={-6} maxExp={0} invalid={!!errors.l2} />
                </Field>
              </div>
              <label className="checkbox">
                <input type="checkbox" checked={draft.proximal} onChange={(e) => set('proximal', e.target.checked)} />
                Proximal L1 (soft-threshold after each step, so weights reach exactly zero)
              </label>
            </div>
          </div>

        </div>

        <div className="stack">
          <div className="panel">
            <div className="panel-head">
              <h2>Optimization</h2>
            </div>
            <div className="panel-body stack">
              <div className="fields">
                <Field label="Optimizer">
                  <select className="select" aria-label="Optimizer" value={draft.optimizer} onChange={(e) => set('optimizer', e.target.value as Draft['optimizer'])}>
                    <option value="sgd">SGD</option>
                    <option value="momentum">SGD + momentum</option>
                    <option value="adam">Adam</option>
                  </select>
                </Field>
                {draft.optimizer === 'momentum' && (
                  <Field label="Momentum" error={errors.momentum}>
                    <NumberInput value={draft.momentum} onChange={(v) => set('momentum', v)} invalid={!!errors.momentum} label="Momentum" />
                  </Field>
                )}
                <Field label="Schedule">
                  <select className="select" aria-label="Learning-rate schedule" value={draft.schedule} onChange={(e) => set('schedule', e.target.value as Draft['schedule'])}>
                    <option value="constant">Constant</option>
                    <option value="step">Step decay</option>
                    <option value="cosine">Cosine</option>
                  </select>
                </Field>
                {draft.schedule === 'step' && (
                  <>
                    <Field label="Every (epochs)" error={errors.stepEvery}>
                      <NumberInput integer value={draft.stepEvery} onChange={(v) => set('stepEvery', v)} invalid={!!errors.stepEvery} label="Step every" />
                    </Field>
                    <Field label="Multiply by" error={errors.stepGamma}>
                      <NumberInput value={draft.stepGamma} onChange={(v) => set('stepGamma', v)} invalid={!!errors.stepGamma} label="Step factor" />
                    </Field>
                  </>
                )}
                {draft.schedule === 'cosine' && (
                  <Field label="Final learning rate" error={errors.cosineMinLr}>
                    <NumberInput value={draft.cosineMinLr} onChange={(v) => set('cosineMinLr', v)} invalid={!!errors.cosineMinLr} label="Final learning rate" />
                  </Field>
                )}
              </div>
              <Field
                label="Learning rate"
                error={errors.lr}
                hint={draft.lrAuto ? `suggested for ${shape ? formatCount(shape.inputSize) : 'these'} inputs${draft.dataKind === 'dataset' ? `, ${draft.normalization} pixels` : ''} and ${draft.optimizer}` : undefined}
              >
                <div className="row nowrap">
                  <LogNumberInput label="Learning rate" value={lr} onChange={(v) => setDraft((d) => ({ ...d, lr: v, lrAuto: false }))} minExp={-5} maxExp={0.5} invalid={!!errors.lr} />
                  {!draft.lrAuto && (
                    <button className="btn small" onClick={() => set('lrAuto', true)} title="A learning rate that fits the input size, normalization and optimizer">
                      Suggest
                    </button>
                  )}
                </div>
              </Field>
              <div className="fields">
                <Field label="Batch size" error={errors.batchSize}>
                  <NumberInput integer value={draft.batchSize} onChange={(v) => set('batchSize', v)} invalid={!!errors.batchSize} label="Batch size" />
                </Field>
                <Field label="Epochs" error={errors.epochs}>
                  <NumberInput integer value={draft.epochs} onChange={(v) => set('epochs', v)} invalid={!!errors.epochs} label="Epochs" />
                </Field>
                <Field label="Seed" error={errors.seed} hint="same seed, same start">
                  <div className="row nowrap">
                    <NumberInput integer value={draft.seed} onChange={(v) => set('seed', v)} invalid={!!errors.seed} label="Seed" />
                    <button className="btn icon-only" title="Random seed" aria-label="Random seed" onClick={() => set('seed', Math.floor(Math.random() * 100000))}>
                      ⟳
                    </button>
                  </div>
                </Field>
              </div>
            </div>
          </div>

          <div className="panel">
            <div className="panel-head">
              <h2>Start</h2>
            </div>
            <div className="panel-body stack">
              <div className="fields">
                <Field label="Run name (optional)" error={errors.name}>
                  <input className="input" value={draft.name} onChange={(e) => set('name', e.target.value)} placeholder="e.g. mlp-100 baseline" aria-label="Run name" />
                </Field>
                <Field label="Experiment" hint="groups runs in the list">
                  <select className="select" aria-label="Experiment" value={experiment} onChange={(e) => setExperiment(e.target.value)}>
                    <option value="none">None</option>
                    {experiments.map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.name} ({plural(x.runCount, 'run')})
                      </option>
                    ))}
                    <option value="new">New experiment…</option>
                  </select>
                </Field>
                {experiment === 'new' && (
                  <Field label="New experiment name" error={showAll && newExperimentName.trim() === '' ? 'Name it' : null}>
                    <input className="input" value={newExperimentName} onChange={(e) => setNewExperimentName(e.target.value)} aria-label="New experiment name" />
                  </Field>
                )}
              </div>
              {serverError && (
                <div className="notice error" role="alert">
                  {serverError}
                </div>
              )}
              {showAll && errors.form && <div className="notice error">{errors.form}</div>}
              <div className="row">
                <button className="btn primary" disabled={busy} onClick={() => void start(false)} data-testid="start-run" title="Ctrl+Enter">
                  Start <kbd>Ctrl ↵</kbd>
                </button>
                <button className="btn" disabled={busy} onClick={() => void start(true)} data-testid="start-twins" title="Ctrl+Shift+Enter">
                  Start L1 vs L2 twins
                </button>
                <span className="small muted" data-testid="twin-lambda">
                  twins: L1{l1Twin.proximal ? ' (proximal)' : ''} at λ = {formatHyper(l1Twin.l1)} vs L2 at λ = {formatHyper(l2Twin.l2)}, same seed and split
                </span>
              </div>
              {showAll && !valid && <div className="small" style={{ color: 'var(--danger)' }}>Fix the fields marked in red first.</div>}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

function Head({ onPreset }: { onPreset: (preset: (typeof presets)[number]) => void }) {
  return (
    <div className="view-head">
      <div className="grow">
        <h1>New experiment</h1>
        <p>Pick a model and how to train it; everything is checked as you type.</p>
      </div>
      <span className="small muted">Presets</span>
      {presets.map((p) => (
        <button key={p.id} className="btn" title={p.description} onClick={() => onPreset(p)} data-testid={`preset-${p.id}`}>
          {p.label}
        </button>
      ))}
    </div>
  );
}
