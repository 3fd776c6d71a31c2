/**
 * Views 5, 6 and 8 (weight templates, sparsity L1 vs L2, space warping) live in
 * views/insight/ (their own module, see its index.ts); the shell hosts them here.
 */

import type { Route } from '../route';
import { ImageWarpView, SpaceWarpView, SparsityView, TemplatesView } from './insight';

export function InsightView({ route }: { route: Route }) {
  switch (route.view) {
    case 'templates':
      return <TemplatesView key={route.runId ?? 'latest'} runId={route.runId} />;
    case 'sparsity':
      return <SparsityView runIds={route.runIds} />;
    case 'imagewarp':
      return <ImageWarpView key={route.runId ?? 'latest'} runId={route.runId} />;
    default:
      return <SpaceWarpView />;
  }
}
