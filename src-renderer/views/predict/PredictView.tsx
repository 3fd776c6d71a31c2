/**
 * View 9, Predict: choose a model (a run's latest weights or an imported model file),
 * drop or pick images, and see each one as the model saw it (preprocessed), the class
 * probabilities, and why: for a linear model the class templates with their scores and a
 * map of what each pixel contributed; for an MLP the hidden units (with their templates)
 * that pushed the winning class most.
 */

import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../state/api';
import { useLab } from '../../state/lab-store';
import { useApiValue } from '../../state/hooks';
import { showToast } from '../../state/toasts';
import type { ResponseOf } from '../../../src-shared/api/contract';
import { decodeFloat32 } from '../../../src-shared/api/encoding';
import { NoModelYet } from '../NoModelYet';
import { PixelCanvas, TemplateCanvas } from '../../components/PixelCanvas';
import { ProgressBar } from '../../components/ProgressBar';
import { base64Bytes, column, robustScale } from '../../pixels';
import { formatBytes, formatNumber, formatPercent, plural } from '../../format';
import { maxPredictImageBytes, maxPredictTotalBytes } from '../../../src-shared/api/model-schemas';
import { fileBase64, parseRefKey, refKey, runsWithWeights, type ModelRef } from '../models';

type PredictResponse = ResponseOf<'predict'>;
type Prediction = PredictResponse['results'][number];
type Layers = ResponseOf<'getWeights'>['layers'];


/** What was last given to predict: kept so a change of model re-predicts the same images. */
type PredictInput =
  | { kind: 'uploads'; uploads: { name: string; base64: string }[]; previews: Map<string, string> }
  | { kind: 'paths'; paths: string[] };

/** A model's load into main's cache: the first load of a run's model reads its dataset (seconds). */
type ModelLoad = { key: string; state: 'loading' | 'ready' } | { key: string; state: 'failed'; message: string };

export function PredictView({ runId }: { runId?: number }) {
  const api = useApi();
  const runs = useLab((s) => s.runs);
  const loaded = useLab((s) => s.loaded);
  const usable = useMemo(() => runsWithWeights(runs).filter((r) => r.data.kind === 'dataset'), [runs]);
  const imported = useApiValue(() => api.listModels(), 'models');
  const info = useApiValue(() => api.getAppInfo(), 'app-info');
  const [ref, setRef] = useState<ModelRef | null>(runId !== undefined ? { kind: 'run', runId } : null);
  const [input, setInput] = useState<PredictInput | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // the answer and what it answers: shown only while model and images are still the ones chosen
  const [response, setResponse] = useState<{ response: PredictResponse; modelKey: string; input: PredictInput } | null>(null);
  const [modelLoad, setModelLoad] = useState<ModelLoad | null>(null);
  const [over, setOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const asked = useRef(0);
  const modelKey = refKey(ref);

  // Default: the run in the route, else the newest usable run.
  useEffect(() => {
    if (ref === null && usable.length > 0) setRef({ kind: 'run', runId: usable[0].id });
  }, [ref, usable]);
  useEffect(() => {
    if (runId !== undefined) setRef({ kind: 'run', runId });
  }, [runId]);
  // Object URLs of the originals are released when the images are replaced.
  useEffect(() => () => (input?.kind === 'uploads' ? input.previews.forEach((url) => URL.revokeObjectURL(url)) : undefined), [input]);

  // The chosen model is loaded as soon as it is chosen, so predicting takes milliseconds.
  useEffect(() => {
    if (!ref) return;
    const key = refKey(ref);
    let current = true;
    setModelLoad({ key, state: 'loading' });
    void api.loadModel({ model: ref }).then((result) => {
      if (!current) return;
      setModelLoad(result.ok ? { key, state: 'ready' } : { key, state: 'failed', message: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [api, ref]);

  // Model or images changed: predict again (an answer for an earlier choice is dropped).
  useEffect(() => {
    if (!ref || !input) return;
    const id = ++asked.current;
    const key = refKey(ref);
    setBusy(true);
    setError(null);
    void api.predict(input.kind === 'uploads' ? { model: ref, images: input.uploads } : { model: ref, paths: input.paths }).then((result) => {
      if (id !== asked.current) return;
      setBusy(false);
      if (!result.ok) {
        setResponse(null);
        setError(result.error.message);
        return;
      }
      setResponse({ response: result.value, modelKey: key, input });
    });
  }, [api, ref, input]);

  async function predictFiles(files: File[]) {
    if (!ref || files.length === 0) return;
    const images = files.filter((f) => f.type.startsWith('image/') || /\.(png|jpe?g|webp|gif|tiff?|avif)$/i.test(f.name)).slice(0, 8);
    if (images.length === 0) return setError('Those files are not images (PNG, JPEG, WebP, GIF, TIFF or AVIF).');
    const tooBig = images.find((f) => f.size > maxPredictImageBytes);
    if (tooBig) return setError(`${tooBig.name} is ${formatBytes(tooBig.size)}; uploads are limited to ${formatBytes(maxPredictImageBytes)} per image (choose the file from disk instead to read it in place).`);
    const total = images.reduce((sum, f) => sum + f.size, 0);
    if (total > maxPredictTotalBytes) return setError(`These images hold ${formatBytes(total)} together; one upload takes up to ${formatBytes(maxPredictTotalBytes)}.`);
    const uploads = await Promise.all(images.map(async (f) => ({ name: f.name, base64: await fileBase64(f) })));
    setInput({ kind: 'uploads', uploads, previews: new Map(images.map((f) => [f.name, URL.createObjectURL(f)])) });
  }

  async function predictPaths() {
    if (!ref) return;
    const chosen = await api.chooseOpenFiles({ kind: 'images', multiple: true, title: 'Images to classify' });
    if (!chosen.ok) return showToast(chosen.error.message, 'error');
    if (!chosen.value.paths || chosen.value.paths.length === 0) return;
    setInput({ kind: 'paths', paths: chosen.value.paths.slice(0, 32) });
  }

  const shown = response && response.modelKey === modelKey && response.input === input ? response : null;
  const loadingModel = modelLoad?.key === modelKey && modelLoad.state === 'loading';
  const loadFailed = modelLoad?.key === modelKey && modelLoad.state === 'failed' ? modelLoad.message : null;

  if (loaded && usable.length === 0 && (imported.data?.models.length ?? 0) === 0) {
    return (
      <NoModelYet head={<Head />} art="➜" title="No trained model yet">
        Predict classifies new images with a model trained here (after its first epoch) or a model file you import. Train on the built-in sample to try it
        with a photo of a shoe or a shirt.
      </NoModelYet>
    );
  }

  const nativeFiles = info.data?.nativeDialogs ?? false;
  return (
    <div className="view" data-testid="predict-view">
      <Head />
      <div className="panel">
        <div className="panel-body row">
          <label className="small muted" htmlFor="predict-model">
            Model
          </label>
          <select id="predict-model" className="select" style={{ minWidth: 280, flex: '0 1 420px' }} value={refKey(ref)} onChange={(e) => setRef(parseRefKey(e.target.value))} data-testid="predict-model">
            {usable.length > 0 && (
              <optgroup label="Runs">
                {usable.map((r) => (
                  <option key={r.id} value={`run:${r.id}`}>
                    #{r.id} {r.name} · {formatPercent(r.summary.valAccuracy)} val
                  </option>
                ))}
              </optgroup>
            )}
            {(imported.data?.models.length ?? 0) > 0 && (
              <optgroup label="Imported models">
                {imported.data!.models.map((m) => (
                  <option key={m.id} value={`imported:${m.id}`}>
                    {m.summary.name} ({m.summary.description})
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          <span className="spacer" />
          <ImportModelButton onImported={(id) => (imported.reload(), setRef({ kind: 'imported', modelId: id }))} />
        </div>
      </div>

      <div
        className={`dropzone${over ? ' over' : ''}`}
        role="button"
        tabIndex={0}
        onClick={() => fileInput.current?.click()}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && fileInput.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void predictFiles([...e.dataTransfer.files]);
        }}
        data-testid="dropzone"
      >
        <div style={{ fontSize: 15, fontWeight: 600, color: 'var(--text)' }}>Drop images here, or click to choose</div>
        <div className="small">up to 8 at once · PNG, JPEG, WebP, GIF, TIFF, AVIF</div>
        {nativeFiles && (
          <button
            className="btn small"
            style={{ marginTop: 8 }}
            onClick={(e) => {
              e.stopPropagation();
              void predictPaths();
            }}
          >
            Choose files on disk…
          </button>
        )}
        <input
          ref={fileInput}
          type="file"
          accept="image/*"
          multiple
          hidden
          data-testid="predict-file-input"
          onChange={(e) => {
            void predictFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </div>
      <div style={{ minHeight: 6 }}>{(busy || loadingModel) && <ProgressBar value={null} label={loadingModel ? 'Loading the model' : 'Predicting'} />}</div>
      {loadingModel && (
        <p className="small muted" data-testid="model-loading" role="status">
          Loading the model: a run&apos;s model reads its dataset once for class names and normalization; predictions after that are quick.
        </p>
      )}
      {loadFailed && !error && (
        <div className="notice error" role="alert">
          {loadFailed}
        </div>
      )}
      {error && (
        <div className="notice error" role="alert">
          {error}
        </div>
      )}
      {shown && ref && (
        <div className="stack" data-testid="predictions" data-model={shown.modelKey}>
          <p className="small muted">
            {shown.response.model.name}: {shown.response.model.description} · input {shown.response.model.input.description}
          </p>
          {shown.response.results.map((result, i) => (
            <PredictionCard
              key={`${shown.modelKey}-${result.name}-${i}`}
              result={result}
              classNames={shown.response.classNames}
              original={shown.input.kind === 'uploads' ? shown.input.previews.get(result.name) : undefined}
              modelRef={ref}
            />
          ))}
        </div>
      )}
    </div>
  );
}

function Head() {
  return (
    <div className="view-head">
      <div className="grow">
        <h1>Predict</h1>
        <p>Classify new images: each is prepared exactly like the training images, then scored by every class.</p>
      </div>
    </div>
  );
}

function ImportModelButton({ onImported }: { onImported: (id: string) => void }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function importPath(p: string) {
    const result = await api.importModel({ path: p });
    if (!result.ok) return setError(result.error.message);
    showToast(`Imported ${result.value.model.summary.name}`, 'ok');
    setOpen(false);
    setError(null);
    onImported(result.value.model.id);
  }
  async function choose() {
    const chosen = await api.chooseOpenFiles({ kind: 'model', title: 'Model file to import' });
    if (!chosen.ok) {
      setOpen(true);
      return;
    }
    if (chosen.value.paths?.[0]) await importPath(chosen.value.paths[0]);
  }
  if (!open) {
    return (
      <button className="btn" onClick={() => void choose()}>
        Import a model file…
      </button>
    );
  }
  return (
    <div className="row nowrap">
      <input className="input" style={{ width: 300 }} placeholder="/path/to/model.json or .onnx" value={path} onChange={(e) => setPath(e.target.value)} aria-label="Model file path" />
      <button className="btn primary" disabled={!path.trim()} onClick={() => void importPath(path.trim())}>
        Import
      </button>
      <button className="btn ghost" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error && <span className="small" style={{ color: 'var(--danger)' }}>{error}</span>}
    </div>
  );
}

/** First-layer weights of the model, for drawing templates (runs: getWeights; imported: getModel). */
function useFirstLayer(ref: ModelRef): Layers[number] | null {
  const api = useApi();
  const weights = useApiValue<{ layers: Layers }>(
    () => (ref.kind === 'run' ? api.getWeights({ runId: ref.runId }) : api.getModel({ modelId: ref.modelId })),
    `weights-${refKey(ref)}`,
  );
  return weights.data?.layers[0] ?? null;
}

function PredictionCard({ result, classNames, original, modelRef }: { result: Prediction; classNames: string[]; original?: string; modelRef: ModelRef }) {
  if (!result.ok) {
    return (
      <div className="panel panel-body">
        <div className="notice error">
          <strong>{result.name}</strong>: {result.error}
        </div>
      </div>
    );
  }
  const ranked = result.probabilities.map((p, k) => ({ p, k })).sort((a, b) => b.p - a.p);
  const input = result.input;
  const pixels = base64Bytes(input.base64);
  return (
    <div className="panel" data-testid="prediction">
      <div className="panel-head">
        <h2 className="ellipsis">{result.name.split(/[\\/]/).pop()}</h2>
        <span className="badge done" data-testid="predicted-label">
          {result.label} · {formatPercent(result.probabilities[result.classIndex])}
        </span>
      </div>
      <div className="panel-body" style={{ display: 'grid', gridTemplateColumns: 'auto minmax(220px, 1fr) minmax(240px, 1.2fr)', gap: 20, alignItems: 'start' }}>
        <div className="stack" style={{ alignItems: 'center' }}>
          {original && <img src={original} alt={`${result.name} as given`} style={{ width: 112, height: 112, objectFit: 'contain', borderRadius: 4, background: 'var(--panel-2)' }} />}
          <span className="small faint">{original ? 'as given' : ''}</span>
          <PixelCanvas pixels={pixels} width={input.width} height={input.height} channels={input.channels} size={112} title="as the model sees it" />
          <span className="small faint" data-testid="preprocessed-caption">
            as the model sees it, {input.width}×{input.height}
          </span>
        </div>
        <div className="stack" style={{ gap: 5 }} data-testid="probabilities">
          <h3>Probabilities</h3>
          {ranked.map(({ p, k }, i) => (
            <div key={k} className={`prob-row${i === 0 ? ' top' : ''}`}>
              <span className="ellipsis" title={classNames[k]}>
                {classNames[k]}
              </span>
              <span className="prob-bar">
                <span style={{ width: `${(p * 100).toFixed(2)}%` }} />
              </span>
              <span className="num right small">{formatPercent(p)}</span>
            </div>
          ))}
        </div>
        <Explanation result={result} classNames={classNames} modelRef={modelRef} />
      </div>
    </div>
  );
}

function Explanation({ result, classNames, modelRef }: { result: Extract<Prediction, { ok: true }>; classNames: string[]; modelRef: ModelRef }) {
  const first = useFirstLayer(modelRef);
  const input = result.input;
  const w = useMemo(() => (first ? decodeFloat32(first.w) : null), [first]);
  const explanation = result.explanation;
  if (explanation.kind === 'linear') {
    const map = decodeFloat32({ dtype: 'float32', length: explanation.map.width * explanation.map.height, base64: explanation.map.base64 });
    const ranked = explanation.templateScores.map((s, k) => ({ s, k })).sort((a, b) => b.s - a.s).slice(0, 3);
    return (
      <div className="stack" data-testid="explanation">
        <h3>Why: templates and evidence</h3>
        <p className="small muted">Each class's score is its template · the input (+ its bias). Red pixels spoke for {result.label}, blue against.</p>
        <div className="thumb-strip">
          <div className="thumb">
            <TemplateCanvas values={map} width={explanation.map.width} height={explanation.map.height} channels={1} size={72} title="evidence for the predicted class" />
            <span>evidence</span>
          </div>
          {w &&
            first &&
            ranked.map(({ s, k }) => (
              <div className="thumb" key={k}>
                <TemplateCanvas values={column(w, first.inputs, first.units, k)} width={input.width} height={input.height} channels={input.channels} size={72} title={`template of ${classNames[k]}`} />
                <span className="ellipsis" style={{ maxWidth: 80 }}>
                  {classNames[k]}
                </span>
                <span className="num faint">score {formatNumber(s + explanation.biases[k], 3)}</span>
              </div>
            ))}
        </div>
      </div>
    );
  }
  const units = explanation.units.slice(0, 6);
  const drawable = explanation.hiddenLayer === 0 && w && first;
  return (
    <div className="stack" data-testid="explanation">
      <h3>Why: hidden units that pushed {result.label}</h3>
      <p className="small muted">
        Unit activation × its weight into {result.label}; {plural(explanation.units.length, 'unit')} listed{drawable ? ', each drawn as its first-layer template' : ''}.
      </p>
      <div className="thumb-strip">
        {units.map((u) => (
          <div className="thumb" key={u.unit}>
            {drawable ? (
              <UnitTemplate values={column(w, first.inputs, first.units, u.unit)} width={input.width} height={input.height} channels={input.channels} title={`hidden unit ${u.unit}`} />
            ) : (
              <span className="mono">#{u.unit}</span>
            )}
            <span className="num" style={{ color: u.contribution >= 0 ? 'var(--ok)' : 'var(--danger)' }}>
              {u.contribution >= 0 ? '+' : ''}
              {formatNumber(u.contribution, 2)}
            </span>
            <span className="num faint small">unit {u.unit}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

/** A hidden unit's first-layer template, scaled so its structure shows (not by its one largest weight). */
function UnitTemplate({ values, width, height, channels, title }: { values: Float32Array; width: number; height: number; channels: 1 | 3; title: string }) {
  const scale = useMemo(() => robustScale(values), [values]);
  return <TemplateCanvas values={values} width={width} height={height} channels={channels} scale={scale} size={64} title={title} />;
}
