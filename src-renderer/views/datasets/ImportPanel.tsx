/**
 * Adding a dataset: where from (the built-in sample, or a folder chosen in a native dialog
 * on the desktop or typed in web mode), how images become samples (size, colour, fit,
 * validation share), and the import itself with progress, the current file and Cancel.
 */

import { useEffect, useId, useRef, useState } from 'react';
import { useApi } from '../../state/api';
import { useLabStore } from '../../state/lab-store';
import { useApiValue } from '../../state/hooks';
import { showToast } from '../../state/toasts';
import type { Dataset, ImportOptions, ImportProgress } from '../../state/types';
import { Field, Segmented } from '../../components/Field';
import { NumberInput } from '../../components/NumberInput';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount, plural } from '../../format';
import { PreprocessPreview } from './DatasetImages';

type Source = 'sample' | 'folder';

interface Options {
  width: number;
  height: number;
  channels: 1 | 3;
  fit: 'cover' | 'contain' | 'fill';
  valPercent: number;
  seed: number;
  dropDuplicates: boolean;
}

const sampleDefaults: Options = { width: 28, height: 28, channels: 1, fit: 'cover', valPercent: 10, seed: 1, dropDuplicates: true };
const folderDefaults: Options = { width: 32, height: 32, channels: 3, fit: 'cover', valPercent: 10, seed: 1, dropDuplicates: true };

function newJobId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `job-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
}

/** Problems with the options, by field; empty when they can be imported. */
export function checkOptions(options: Options, source: Source, path: string): Partial<Record<keyof Options | 'path', string>> {
  const errors: Partial<Record<keyof Options | 'path', string>> = {};
  const side = (v: number) => (!Number.isInteger(v) ? 'a whole number of pixels' : v < 4 ? 'at least 4 pixels' : v > 256 ? 'at most 256 pixels' : null);
  const w = side(options.width);
  if (w) errors.width = `Must be ${w}`;
  const h = side(options.height);
  if (h) errors.height = `Must be ${h}`;
  if (!Number.isFinite(options.valPercent) || options.valPercent < 0 || options.valPercent > 50) errors.valPercent = 'Between 0 and 50%';
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) errors.seed = 'A whole number ≥ 0';
  if (source === 'folder' && path.trim() === '') errors.path = 'Choose or type the folder to import';
  return errors;
}

export function ImportPanel({ initialSource, onDone }: { initialSource: Source; onDone: (dataset: Dataset | null) => void }) {
  const api = useApi();
  const store = useLabStore();
  const info = useApiValue(() => api.getAppInfo(), 'app-info');
  const nativeDialogs = info.data?.nativeDialogs ?? false;
  const [source, setSource] = useState<Source>(initialSource);
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [options, setOptions] = useState<Options>(initialSource === 'sample' ? sampleDefaults : folderDefaults);
  const [job, setJob] = useState<{ id: string; progress: ImportProgress | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const pathId = useId();
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    setSource(initialSource);
    setOptions(initialSource === 'sample' ? sampleDefaults : folderDefaults);
  }, [initialSource]);

  const errors = checkOptions(options, source, path);
  const valid = Object.keys(errors).length === 0;
  const set = <K extends keyof Options>(key: K, value: Options[K]) => setOptions((o) => ({ ...o, [key]: value }));

  const importOptions: ImportOptions = {
    width: options.width,
    height: options.height,
    channels: options.channels,
    fit: options.fit,
    valFraction: options.valPercent / 100,
    seed: options.seed,
    dropDuplicates: options.dropDuplicates,
  };

  async function chooseFolder() {
    const result = await api.chooseDatasetFolder({ title: 'Choose a folder with one subfolder per class' });
    if (!result.ok) showToast(result.error.message, 'error');
    else if (result.value.path) setPath(result.value.path);
  }

  async function start() {
    setTouched(true);
    if (!valid || job) return;
    const id = newJobId();
    setError(null);
    setJob({ id, progress: null });
    const label = source === 'sample' ? 'Importing the built-in sample' : `Importing ${path.split(/[\\/]/).filter(Boolean).pop() ?? path}`;
    const finish = store.addJob(
      id,
      label,
      () => void api.cancelImport({ jobId: id }),
      (progress) => mounted.current && setJob((j) => (j && j.id === id ? { id, progress } : j)),
    );
    const result =
      source === 'sample'
        ? await api.importSample({ jobId: id, options: importOptions })
        : await api.importFolder({ jobId: id, path: path.trim(), options: importOptions, ...(name.trim() ? { name: name.trim() } : {}) });
    finish();
    if (!mounted.current) return;
    setJob(null);
    if (!result.ok) {
      if (result.error.code === 'cancelled') showToast('Import cancelled');
      else setError(result.error.message);
      return;
    }
    const { dataset, report } = result.value;
    await store.refreshDatasets();
    showToast(`Imported ${plural(report.imported, 'image')} in ${plural(report.classNames.length, 'class', 'classes')}`, 'ok');
    onDone(dataset);
  }

  const progress = job?.progress;
  const fraction = progress && progress.phase === 'decoding' && progress.total > 0 ? progress.done / progress.total : null;

  return (
    <div className="panel" data-testid="import-panel">
      <div className="panel-head">
        <h2>Add a dataset</h2>
        <Segmented
          label="Source"
          value={source}
          onChange={(s) => {
            setSource(s);
            setOptions(s === 'sample' ? sampleDefaults : folderDefaults);
          }}
          options={[
            { value: 'sample', label: 'Built-in sample' },
            { value: 'folder', label: 'Folder' },
          ]}
        />
      </div>
      <div className="panel-body stack">
        {source === 'sample' ? (
          <p className="muted">
            10 classes of Fashion-MNIST (T-shirt/top, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, ankle boot): 200 training and 50 test
            images each, 28×28 gray. Small enough to train in seconds.
          </p>
        ) : (
          <div className="grid-2">
            <Field label="Folder" htmlFor={pathId} error={touched ? errors.path : null} hint="One subfolder per class, or train/ and test/ each with class subfolders">
              <div className="row nowrap">
                <input
                  id={pathId}
                  className={`input${touched && errors.path ? ' invalid' : ''}`}
                  style={{ flex: 1 }}
                  placeholder={nativeDialogs ? 'Choose a folder…' : '/path/to/images'}
                  value={path}
                  onChange={(e) => setPath(e.target.value)}
                  spellCheck={false}
                />
                {nativeDialogs && (
                  <button className="btn" onClick={() => void chooseFolder()}>
                    Choose…
                  </button>
                )}
              </div>
            </Field>
            <Field label="Name (optional)" hint="Default: the folder's name">
              <input className="input" value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
          </div>
        )}
        <div className="fields">
          <Field label="Width" error={errors.width} hint="pixels">
            <NumberInput integer value={options.width} onChange={(v) => set('width', v)} invalid={!!errors.width} label="Width" />
          </Field>
          <Field label="Height" error={errors.height} hint="pixels">
            <NumberInput integer value={options.height} onChange={(v) => set('height', v)} invalid={!!errors.height} label="Height" />
          </Field>
          <Field label="Color" hint={options.channels === 1 ? '1 value per pixel' : '3 values per pixel'}>
            <Segmented
              label="Color"
              value={options.channels === 1 ? 'gray' : 'rgb'}
              onChange={(v) => set('channels', v === 'gray' ? 1 : 3)}
              options={[
                { value: 'gray', label: 'Gray' },
                { value: 'rgb', label: 'RGB' },
              ]}
            />
          </Field>
          <Field label="Fit" hint={options.fit === 'cover' ? 'crop to fill' : options.fit === 'contain' ? 'letterbox' : 'stretch'}>
            <select className="select" value={options.fit} onChange={(e) => set('fit', e.target.value as Options['fit'])} aria-label="Fit">
              <option value="cover">Cover (crop)</option>
              <option value="contain">Contain (pad)</option>
              <option value="fill">Fill (stretch)</option>
            </select>
          </Field>
          <Field label="Validation share" error={errors.valPercent} hint="% of each class, when the folder has no val/">
            <NumberInput value={options.valPercent} onChange={(v) => set('valPercent', v)} invalid={!!errors.valPercent} label="Validation share" />
          </Field>
          <Field label="Split seed" error={errors.seed} hint="same seed, same split">
            <NumberInput integer value={options.seed} onChange={(v) => set('seed', v)} invalid={!!errors.seed} label="Split seed" />
          </Field>
          <Field label="Identical files" hint={options.dropDuplicates ? 'the first of each group is kept' : 'every copy is imported'}>
            <Segmented
              label="Identical files"
              value={options.dropDuplicates ? 'one' : 'all'}
              onChange={(v) => set('dropDuplicates', v === 'one')}
              options={[
                { value: 'one', label: 'Keep one' },
                { value: 'all', label: 'Keep all' },
              ]}
            />
          </Field>
        </div>
        <PreprocessPreview source={source} path={path.trim()} options={importOptions} enabled={valid} />
        <div className="notice muted small">
          Each image is {options.fit === 'cover' ? 'cropped' : options.fit === 'contain' ? 'padded' : 'stretched'} to {options.width}×{options.height}
          {options.channels === 1 ? ' and turned gray' : ' in color'}: {formatCount(options.width * options.height * options.channels)} numbers per image, the
          input size of every model trained on it. Normalization is chosen per experiment.
        </div>
        {error && (
          <div className="notice error" role="alert" data-testid="import-error">
            {error}
          </div>
        )}
        <div className="progress-block" style={{ visibility: job ? 'visible' : 'hidden' }} data-testid="import-progress" aria-hidden={!job}>
          <ProgressBar value={fraction} label="Import progress" />
          <div className="meta num">
            <span className="nowrap">
              {progress ? `${progress.phase === 'scanning' ? 'Scanning' : 'Decoding'} ${formatCount(progress.done)} / ${formatCount(progress.total)}` : 'Starting…'}
            </span>
            <span className="file mono" title={progress?.file}>
              {progress?.file ?? ''}
            </span>
          </div>
        </div>
        <div className="row">
          <button className="btn primary" disabled={!!job} onClick={() => void start()} data-testid="start-import">
            {source === 'sample' ? 'Import sample' : 'Import folder'}
          </button>
          {job ? (
            <button className="btn" onClick={() => void api.cancelImport({ jobId: job.id })} data-testid="cancel-import">
              Cancel import
            </button>
          ) : (
            <button className="btn ghost" onClick={() => onDone(null)}>
              Close
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
