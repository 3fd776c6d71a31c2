/**
 * Pixels of a dataset: a few thumbnails per class of an imported dataset, and a live
 * preview of images after preprocessing while the import options are chosen.
 */

import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../state/api';
import { useApiValue } from '../../state/hooks';
import type { Dataset, ImportOptions } from '../../state/types';
import type { ResponseOf } from '../../../src-shared/api/contract';
import { PixelCanvas } from '../../components/PixelCanvas';
import { base64Bytes } from '../../pixels';

type Images = ResponseOf<'getDatasetImages'>;

function byClass(images: Images): { className: string; items: { path: string; pixels: Uint8Array }[] }[] {
  const groups = new Map<string, { path: string; pixels: Uint8Array }[]>();
  for (const image of images.images) {
    let list = groups.get(image.className);
    if (!list) groups.set(image.className, (list = []));
    list.push({ path: image.path, pixels: base64Bytes(image.pixels) });
  }
  return [...groups].map(([className, items]) => ({ className, items }));
}

export function DatasetImages({ dataset }: { dataset: Dataset }) {
  const api = useApi();
  const images = useApiValue(() => api.getDatasetImages({ source: { kind: 'dataset', id: dataset.id }, perClass: 8 }), `thumbs-${dataset.id}`);
  const groups = useMemo(() => (images.data ? byClass(images.data) : []), [images.data]);
  const size = Math.max(36, Math.min(56, 2 * dataset.width));
  return (
    <div className="panel" data-testid="thumbnails">
      <div className="panel-head">
        <h2>Images per class</h2>
        <span className="small muted">as the models see them: {dataset.width}×{dataset.height} {dataset.channels === 1 ? 'gray' : 'RGB'}</span>
      </div>
      <div className="panel-body">
        {images.error && <div className="notice">{images.error}</div>}
        {!images.data && !images.error && <div className="muted small" style={{ minHeight: 120 }}>Loading thumbnails…</div>}
        {images.data && (
          <div className="thumb-grid">
            {groups.map((g) => (
              <div key={g.className} style={{ display: 'contents' }}>
                <div className="ellipsis" style={{ fontWeight: 500 }} title={g.className}>
                  {g.className}
                </div>
                <div className="thumb-row">
                  {g.items.map((item) => (
                    <PixelCanvas key={item.path} pixels={item.pixels} width={images.data!.width} height={images.data!.height} channels={images.data!.channels} size={size} title={item.path} />
                  ))}
                </div>
              </div>
            ))}
          </div>
        )}
        {images.data && images.data.problems.length > 0 && (
          <p className="small muted" style={{ marginTop: 8 }}>
            {images.data.problems.length} of the first files could not be shown: {images.data.problems[0].message}
          </p>
        )}
      </div>
    </div>
  );
}

/** Waits until `value` has been still for `ms`, so typing does not send a request per key. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function PreprocessPreview({ source, path, options, enabled }: { source: 'sample' | 'folder'; path: string; options: ImportOptions; enabled: boolean }) {
  const api = useApi();
  const request = useDebounced(JSON.stringify({ source, path, options, enabled }), 350);
  const parsed = JSON.parse(request) as { source: 'sample' | 'folder'; path: string; options: ImportOptions; enabled: boolean };
  const ready = parsed.enabled && (parsed.source === 'sample' || parsed.path !== '');
  const preview = useApiValue(
    ready
      ? () =>
          api.getDatasetImages({
            source: parsed.source === 'sample' ? { kind: 'sample' } : { kind: 'folder', path: parsed.path },
            options: { width: parsed.options.width, height: parsed.options.height, channels: parsed.options.channels, fit: parsed.options.fit },
            perClass: 2,
            maxClasses: 8,
          })
      : null,
    `preview-${parsed.source}-${parsed.path}`,
    request,
  );
  const groups = useMemo(() => (preview.data ? byClass(preview.data) : []), [preview.data]);
  const data = preview.data;
  const size = data ? Math.max(40, Math.min(72, data.width * 2)) : 56;
  return (
    <div className="stack" style={{ gap: 6 }} data-testid="preprocess-preview">
      <div className="row">
        <span className="small" style={{ fontWeight: 600, color: 'var(--text-2)' }}>
          Preview after preprocessing
        </span>
        {preview.loading && <span className="small faint">updating…</span>}
      </div>
      <div className="thumb-strip" style={{ minHeight: size + 18 }}>
        {!ready && <span className="small faint">{parsed.source === 'folder' ? 'Type or choose a folder to preview its images.' : 'Fix the options to see a preview.'}</span>}
        {ready && preview.error && <span className="small" style={{ color: 'var(--danger)' }}>{preview.error}</span>}
        {data &&
          ready &&
          groups.map((g) =>
            g.items.map((item) => (
              <div className="thumb" key={item.path}>
                <PixelCanvas pixels={item.pixels} width={data.width} height={data.height} channels={data.channels} size={size} title={item.path} />
                <span className="ellipsis" style={{ maxWidth: size }}>
                  {g.className}
                </span>
              </div>
            )),
          )}
      </div>
    </div>
  );
}
