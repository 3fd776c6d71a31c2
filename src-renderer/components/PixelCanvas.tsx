import { useEffect, useRef } from 'react';
import { maxAbs, pixelsToRgba, rangeToRgba, signedToRgba } from '../pixels';
import { usePalette } from '../theme';

function useCanvasImage(draw: () => Uint8ClampedArray, width: number, height: number, deps: unknown[]) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || width <= 0 || height <= 0) return;
    const rgba = draw();
    context.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  }, deps);
  return ref;
}

/** An image of uint8 pixels (H×W×C), drawn at `size` CSS pixels wide with crisp, unsmoothed pixels. */
export function PixelCanvas({
  pixels,
  width,
  height,
  channels,
  offset = 0,
  size = 56,
  title,
}: {
  pixels: ArrayLike<number>;
  width: number;
  height: number;
  channels: 1 | 3;
  offset?: number;
  size?: number;
  title?: string;
}) {
  const ref = useCanvasImage(() => pixelsToRgba(pixels, width, height, channels, offset), width, height, [pixels, width, height, channels, offset]);
  return <canvas ref={ref} className="pixels" width={width} height={height} style={{ width: size, height: (size * height) / width }} title={title} role="img" aria-label={title} />;
}

/**
 * A weight template in the input's shape. Grey inputs: a diverging map (blue negative,
 * red positive) scaled by `scale` (default: its own largest |w|). RGB inputs: each value
 * stretched from the template's own min..max (or ±scale when given).
 */
export function TemplateCanvas({
  values,
  width,
  height,
  channels,
  scale,
  size = 72,
  title,
}: {
  values: ArrayLike<number>;
  width: number;
  height: number;
  channels: 1 | 3;
  scale?: number;
  size?: number;
  title?: string;
}) {
  const palette = usePalette();
  const ref = useCanvasImage(
    () => {
      const s = scale ?? maxAbs(values);
      if (channels === 1) return signedToRgba(values, width, height, s, palette.negative, palette.zero, palette.positive);
      if (scale !== undefined) return rangeToRgba(values, width, height, 3, -scale, scale);
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < values.length; i++) {
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
      }
      return rangeToRgba(values, width, height, 3, min, max);
    },
    width,
    height,
    [values, width, height, channels, scale, palette],
  );
  return <canvas ref={ref} className="pixels" width={width} height={height} style={{ width: size, height: (size * height) / width }} title={title} role="img" aria-label={title} />;
}
