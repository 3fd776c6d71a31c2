/**
 * Linear regions on the Space warping view: the input plane cut into the pieces on which
 * the live net is one affine map (one ReLU on/off pattern each), every piece in its own
 * shade with its borders drawn, and how many pieces there are after each hidden layer,
 * next to that layer's width: depth multiplies the pieces, width adds lines.
 */

import { useCallback, useEffect, useRef, useState } from 'react';
import { isPiecewiseLinear, linearRegions, type LinearRegions } from '../../../src-shared/analysis/linear-regions';
import type { WarpSnapshot } from '../../../src-shared/analysis/warp-session';
import type { Bounds, WarpNet } from '../../../src-shared/analysis/warp';
import { formatCount } from '../../format';
import { usePalette } from '../../theme';
import { PlaneCanvas } from './PlaneCanvas';
import { drawPoints, viewport } from './plane-draw';

/** Raster side the patterns are sampled on (pieces thinner than a cell can be missed). */
const raster = 140;
/** A training net changes every frame: the regions follow at most this often. */
const refreshMs = 300;

interface Computed {
  regions: LinearRegions;
  bounds: Bounds;
  widths: number[];
  epoch: number;
}

export function LinearRegionsPanel({ snapshot, bounds, points, labels }: {
  snapshot: WarpSnapshot;
  bounds: Bounds;
  points: ArrayLike<number>;
  labels: ArrayLike<number>;
}) {
  const classColors = usePalette().series;
  const [computed, setComputed] = useState<Computed | null>(null);
  const latest = useRef({ snapshot, bounds });
  latest.current = { snapshot, bounds };
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const net: WarpNet = { layers: snapshot.layers, activations: snapshot.activations };
  const piecewise = isPiecewiseLinear(net);

  useEffect(() => {
    if (!piecewise || timer.current) return;
    const compute = () => {
      timer.current = null;
      last.current = Date.now();
      const { snapshot: s, bounds: b } = latest.current;
      const current: WarpNet = { layers: s.layers, activations: s.activations };
      if (!isPiecewiseLinear(current)) return;
      setComputed({ regions: linearRegions(current, b, raster, raster), bounds: b, widths: s.layers.slice(0, -1).map((l) => l.units), epoch: s.epoch });
    };
    timer.current = setTimeout(compute, Math.max(0, refreshMs - (Date.now() - last.current)));
  }, [snapshot, bounds, piecewise]);
  useEffect(() => () => {
    // forget the timer too: a remount (StrictMode mounts twice) must be able to schedule again
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, w: number, h: number) => {
      if (!computed) return;
      const { regions, bounds: b } = computed;
      const image = ctx.createImageData(regions.cols, regions.rows);
      for (let p = 0; p < regions.region.length; p++) {
        // golden-angle hues: neighbouring region numbers get far-apart shades
        const [r, g, bl] = regions.border[p] ? [40, 40, 48] : hsl((regions.region[p] * 137.508) % 360, 0.45, 0.8);
        image.data.set([r, g, bl, 255], p * 4);
      }
      const off = new OffscreenCanvas(regions.cols, regions.rows);
      off.getContext('2d')!.putImageData(image, 0, 0);
      ctx.imageSmoothingEnabled = false;
      const v = viewport(b, w, h, 0);
      ctx.drawImage(off, 0, 0, w, h);
      drawPoints(ctx, v, points, labels, classColors, Math.max(2, w / 140), 'rgba(0,0,0,0.6)');
    },
    [computed, points, labels, classColors],
  );

  if (!piecewise) {
    return (
      <div className="panel panel-body muted" data-testid="linear-regions-off">
        Linear regions exist for ReLU, Leaky ReLU and identity nets; {snapshot.activations[0]?.kind ?? 'this activation'} bends the plane smoothly.
      </div>
    );
  }
  const regions = computed?.regions;
  return (
    <div className="panel panel-body" data-testid="linear-regions" data-count={regions?.count ?? 0}>
      <div className="grid-2">
        <PlaneCanvas
          draw={draw}
          title="Linear regions"
          label="The input plane cut into the pieces on which the net is linear"
          caption="Each shade is one ReLU on/off pattern: inside it the whole net is a single affine map. Borders are where a unit switches."
          testId="linear-regions-plane"
        />
        <div>
          <div className="stats">
            <div className="stat">
              <div className="label">Linear pieces</div>
              <div className="value num" data-testid="linear-region-count">{regions ? formatCount(regions.count) : '…'}</div>
              <div className="sub">epoch {computed?.epoch ?? 0}</div>
            </div>
          </div>
          {regions && regions.countByDepth.length > 0 && (
            <table className="table small" data-testid="linear-regions-by-depth">
              <thead>
                <tr>
                  <th>after layer</th>
                  <th>width</th>
                  <th>pieces</th>
                  <th>one layer of this width could make at most</th>
                </tr>
              </thead>
              <tbody>
                {regions.countByDepth.map((count, l) => {
                  const m = computed!.widths[l];
                  return (
                    <tr key={l}>
                      <td className="num">{l + 1}</td>
                      <td className="num">{m}</td>
                      <td className="num">{formatCount(count)}</td>
                      <td className="num">{formatCount(1 + m + (m * (m - 1)) / 2)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </div>
  );
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}
