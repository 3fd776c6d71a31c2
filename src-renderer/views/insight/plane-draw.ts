/**
 * Canvas drawing for the space-warping planes: decision regions as a soft raster, grid
 * lines carried through the net, axes, straight boundaries, and the data points. A plane
 * maps `bounds` onto the canvas with one scale for both axes (a rotation looks like one).
 */

import type { BoundarySegment, Bounds, Regions } from '../../../src-shared/analysis/warp';

export interface Viewport {
  /** canvas size in device pixels */
  width: number;
  height: number;
  bounds: Bounds;
  /** device pixels per plane unit, the same along x and y */
  scale: number;
  /** device pixel of plane x = 0, y = 0 */
  originX: number;
  originY: number;
}

export function viewport(bounds: Bounds, width: number, height: number, margin: number): Viewport {
  const spanX = Math.max(1e-9, bounds.xMax - bounds.xMin);
  const spanY = Math.max(1e-9, bounds.yMax - bounds.yMin);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const cx = (bounds.xMin + bounds.xMax) / 2;
  const cy = (bounds.yMin + bounds.yMax) / 2;
  return { width, height, bounds, scale, originX: width / 2 - cx * scale, originY: height / 2 + cy * scale };
}

export const px = (v: Viewport, x: number) => v.originX + x * v.scale;
export const py = (v: Viewport, y: number) => v.originY - y * v.scale;

export function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
  const n = parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Regions as a raster stretched over their bounds: each cell in its class colour, paler
 * where the net is unsure, and darker where the class changes (the boundary).
 */
export function drawRegions(ctx: CanvasRenderingContext2D, v: Viewport, regions: Regions, bounds: Bounds, colors: readonly [number, number, number][], background: [number, number, number]) {
  const { cols, rows, classes, confidence } = regions;
  const image = new ImageData(cols, rows);
  const k = 1 / Math.max(2, colors.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      const cls = classes[i];
      const [cr, cg, cb] = colors[cls % colors.length];
      // 0 at chance, 1 when certain
      const sure = Math.max(0, Math.min(1, (confidence[i] - k) / (1 - k)));
      const alpha = 0.16 + 0.3 * sure;
      const edge = (c + 1 < cols && classes[i + 1] !== cls) || (r + 1 < rows && classes[i + cols] !== cls);
      const a = edge ? 0.75 : alpha;
      const o = i * 4;
      image.data[o] = Math.round(background[0] * (1 - a) + cr * a);
      image.data[o + 1] = Math.round(background[1] * (1 - a) + cg * a);
      image.data[o + 2] = Math.round(background[2] * (1 - a) + cb * a);
      image.data[o + 3] = 255;
    }
  }
  const off = document.createElement('canvas');
  off.width = cols;
  off.height = rows;
  off.getContext('2d')!.putImageData(image, 0, 0);
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, px(v, bounds.xMin), py(v, bounds.yMax), (bounds.xMax - bounds.xMin) * v.scale, (bounds.yMax - bounds.yMin) * v.scale);
  ctx.restore();
}

/** Grid polylines: [lines × samples × 2] points (vertical lines first, then horizontal). */
export function drawGrid(ctx: CanvasRenderingContext2D, v: Viewport, points: ArrayLike<number>, samples: number, color: string, lineWidth: number) {
  const lines = points.length / (2 * samples);
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.lineJoin = 'round';
  for (let l = 0; l < lines; l++) {
    ctx.beginPath();
    let pen = false;
    for (let s = 0; s < samples; s++) {
      const o = 2 * (l * samples + s);
      const x = points[o];
      const y = points[o + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        pen = false;
        continue;
      }
      // far outside the view: lift the pen rather than draw huge coordinates
      const X = Math.max(-1e5, Math.min(1e5, px(v, x)));
      const Y = Math.max(-1e5, Math.min(1e5, py(v, y)));
      if (pen) ctx.lineTo(X, Y);
      else ctx.moveTo(X, Y);
      pen = true;
    }
    ctx.stroke();
  }
  ctx.restore();
}

export function drawAxes(ctx: CanvasRenderingContext2D, v: Viewport, color: string, lineWidth: number) {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.beginPath();
  const x0 = px(v, 0);
  const y0 = py(v, 0);
  if (x0 >= 0 && x0 <= v.width) {
    ctx.moveTo(x0, 0);
    ctx.lineTo(x0, v.height);
  }
  if (y0 >= 0 && y0 <= v.height) {
    ctx.moveTo(0, y0);
    ctx.lineTo(v.width, y0);
  }
  ctx.stroke();
  ctx.restore();
}

export function drawSegments(ctx: CanvasRenderingContext2D, v: Viewport, segments: readonly BoundarySegment[], color: string, lineWidth: number) {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.lineCap = 'round';
  ctx.setLineDash([lineWidth * 3, lineWidth * 2]);
  for (const s of segments) {
    ctx.beginPath();
    ctx.moveTo(px(v, s.x0), py(v, s.y0));
    ctx.lineTo(px(v, s.x1), py(v, s.y1));
    ctx.stroke();
  }
  ctx.restore();
}

/** Data points [n × 2] in their class colours with a thin outline. */
export function drawPoints(ctx: CanvasRenderingContext2D, v: Viewport, points: ArrayLike<number>, labels: ArrayLike<number>, colors: readonly string[], radius: number, outline: string) {
  ctx.save();
  ctx.lineWidth = Math.max(1, radius * 0.35);
  ctx.strokeStyle = outline;
  for (let c = 0; c < colors.length; c++) {
    ctx.fillStyle = colors[c];
    ctx.beginPath();
    for (let r = 0; r < labels.length; r++) {
      if (labels[r] % colors.length !== c) continue;
      const x = points[2 * r];
      const y = points[2 * r + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const X = px(v, x);
      const Y = py(v, y);
      ctx.moveTo(X + radius, Y);
      ctx.arc(X, Y, radius, 0, 2 * Math.PI);
    }
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * Bounds that do not twitch with every training step: the previous ones are kept while
 * the new ones fit inside them and fill at least half of them; otherwise the new ones are
 * taken, with a little room to grow.
 */
export function steadyBounds(previous: Bounds | null, next: Bounds): Bounds {
  if (previous) {
    const inside = next.xMin >= previous.xMin && next.xMax <= previous.xMax && next.yMin >= previous.yMin && next.yMax <= previous.yMax;
    const span = (b: Bounds) => Math.max(b.xMax - b.xMin, b.yMax - b.yMin);
    if (inside && span(next) >= 0.5 * span(previous)) return previous;
  }
  const grow = 0.06 * Math.max(next.xMax - next.xMin, next.yMax - next.yMin);
  return { xMin: next.xMin - grow, xMax: next.xMax + grow, yMin: next.yMin - grow, yMax: next.yMax + grow };
}

export function lerpBounds(a: Bounds, b: Bounds, t: number): Bounds {
  const l = (p: number, q: number) => p + (q - p) * t;
  return { xMin: l(a.xMin, b.xMin), xMax: l(a.xMax, b.xMax), yMin: l(a.yMin, b.yMin), yMax: l(a.yMax, b.yMax) };
}
