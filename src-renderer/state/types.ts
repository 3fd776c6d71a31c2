/** The contract's domain objects under short names, for the views. */

import type { EventOf, RequestOf, ResponseOf } from '../../src-shared/api/contract';

export type Run = ResponseOf<'getRun'>['run'];
export type RunStatus = Run['status'];
export type Checkpoint = ResponseOf<'getRun'>['checkpoints'][number];
export type RunProgress = EventOf<'runProgress'>;
export type Dataset = ResponseOf<'listDatasets'>['datasets'][number];
export type ImportReport = NonNullable<ResponseOf<'getDatasetReport'>['report']>;
export type ImportOptions = NonNullable<RequestOf<'importFolder'>['options']>;
export type ImportProgress = EventOf<'importProgress'>;
export type Experiment = ResponseOf<'listExperiments'>['experiments'][number];
export type MetricSeries = ResponseOf<'getMetricSeries'>['series'][number];
export type LayerWeightsPayload = ResponseOf<'getWeights'>['layers'][number];
export type TrainConfig = Run['config'];
export type RunData = Run['data'];

/** Runs that hold a worker slot or wait for one. */
export const ACTIVE_STATUSES: readonly RunStatus[] = ['queued', 'running'];
/** Runs that resume from a saved state. */
export const RESUMABLE_STATUSES: readonly RunStatus[] = ['paused', 'interrupted', 'failed'];

export function isActive(status: RunStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}
