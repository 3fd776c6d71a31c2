/**
 * One weight template on a canvas: the RGBA pixels from src-shared/analysis/templates.ts,
 * drawn at their own resolution and scaled up by CSS with crisp (unsmoothed) pixels.
 */

import { memo, useEffect, useRef, type ReactNode } from 'react';
import type { TemplateImage } from '../../../src-shared/analysis/templates';

export const TemplateTile = memo(function TemplateTile({
  image,
  size,
  label,
  sub,
  title,
  testId,
}: {
  image: TemplateImage;
  /** CSS pixels of the longer side */
  size: number;
  label: ReactNode;
  sub?: ReactNode;
  title?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    context.putImageData(new ImageData(new Uint8ClampedArray(image.rgba), image.width, image.height), 0, 0);
  }, [image]);
  const scale = size / Math.max(image.width, image.height);
  return (
    <figure className="insight-tile" data-testid={testId}>
      <canvas
        ref={ref}
        className="pixels"
        width={image.width}
        height={image.height}
        style={{ width: image.width * scale, height: image.height * scale }}
        role="img"
        aria-label={title ?? (typeof label === 'string' ? label : undefined)}
        title={title}
      />
      <figcaption>
        <span className="ellipsis">{label}</span>
        {sub !== undefined && <span className="faint num">{sub}</span>}
      </figcaption>
    </figure>
  );
});
