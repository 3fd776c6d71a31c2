/**
 * The "look inside" views (issue 6, views 5, 6 and 8). For the shell:
 *
 *   <TemplatesView runId={route.runId} />      run to show; default: the newest image run.
 *                                              Picking another run navigates to
 *                                              { view: 'templates', runId }.
 *   <SparsityView runIds={route.runIds} />     [a, b] side by side; [a] pairs a with its twin;
 *                                              default: the newest twin pair. Picking runs
 *                                              navigates to { view: 'sparsity', runIds }.
 *   <SpaceWarpView />                          no props; trains its own toy net in a Web
 *                                              Worker (warp.worker.ts), on the UI thread in
 *                                              frame slices if a worker cannot start.
 *
 * All three read the API, the lab store and navigation from the shell's contexts
 * (ApiContext, LabStoreContext, NavigationContext) and style themselves with insight.css.
 */

import './insight.css';

export { TemplatesView } from './TemplatesView';
export { SparsityView } from './SparsityView';
export { SpaceWarpView } from './SpaceWarpView';
export { ImageWarpView } from './ImageWarpView';
