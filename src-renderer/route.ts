/**
 * Where the user is, as data and as the URL hash (#/run/12, #/compare/3,4), so a reload
 * or the back button keeps the place. Pure; tested in test/src-renderer/route.test.ts.
 */

export type ViewName =
  | 'datasets'
  | 'new'
  | 'runs'
  | 'run'
  | 'compare'
  | 'templates'
  | 'sparsity'
  | 'spacewarp'
  | 'imagewarp'
  | 'sweeps'
  | 'predict'
  | 'export';

export interface Route {
  view: ViewName;
  /** the run a view is about (dashboard, templates, predict, export) */
  runId?: number;
  /** runs side by side (compare, sparsity) */
  runIds?: number[];
  /** the dataset shown or preselected */
  datasetId?: number;
  /** the sweep shown */
  sweepId?: number;
}

const viewNames: readonly ViewName[] = ['datasets', 'new', 'runs', 'run', 'compare', 'templates', 'sparsity', 'spacewarp', 'imagewarp', 'sweeps', 'predict', 'export'];
const multiRunViews: readonly ViewName[] = ['compare', 'sparsity'];
const datasetViews: readonly ViewName[] = ['datasets', 'new'];

export const defaultRoute: Route = { view: 'datasets' };

function positiveIds(text: string): number[] {
  const ids = text.split(',').map((part) => Number(part));
  return ids.every((id) => Number.isSafeInteger(id) && id > 0) ? ids : [];
}

/** '#/run/12' → { view: 'run', runId: 12 }; anything unknown → the default route. */
export function parseRoute(hash: string): Route {
  const [name, arg] = hash.replace(/^#\/?/, '').split('/');
  const view = viewNames.find((v) => v === name);
  if (!view) return defaultRoute;
  if (arg === undefined || arg === '') return view === 'run' ? { view: 'runs' } : { view };
  const ids = positiveIds(arg);
  if (ids.length === 0) return view === 'run' ? { view: 'runs' } : { view };
  if (multiRunViews.includes(view)) return { view, runIds: ids };
  if (datasetViews.includes(view)) return { view, datasetId: ids[0] };
  if (view === 'sweeps') return { view, sweepId: ids[0] };
  return { view, runId: ids[0] };
}

export function formatRoute(route: Route): string {
  if (multiRunViews.includes(route.view) && route.runIds && route.runIds.length > 0) return `#/${route.view}/${route.runIds.join(',')}`;
  if (datasetViews.includes(route.view) && route.datasetId !== undefined) return `#/${route.view}/${route.datasetId}`;
  if (route.view === 'sweeps') return route.sweepId !== undefined ? `#/sweeps/${route.sweepId}` : '#/sweeps';
  if (route.runId !== undefined && !multiRunViews.includes(route.view) && !datasetViews.includes(route.view)) return `#/${route.view}/${route.runId}`;
  return `#/${route.view}`;
}
