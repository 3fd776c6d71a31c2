/**
 * The names of the contract's channels, as plain runtime lists without schemas, for code
 * that must stay small (the preload bundle). contract.ts checks at compile time that its
 * schemas cover exactly these names.
 */

export const invokeNames = [
  'getAppInfo',
  'getFormDraft',
  'saveFormDraft',
  'chooseDatasetFolder',
  'chooseExportPath',
  'chooseOpenFiles',
  'importFolder',
  'importSample',
  'cancelImport',
  'listDatasets',
  'getDatasetReport',
  'deleteDataset',
  'listExperiments',
  'createExperiment',
  'renameExperiment',
  'setExperimentNotes',
  'setExperimentTags',
  'deleteExperiment',
  'startRun',
  'startTwins',
  'pauseRun',
  'resumeRun',
  'setRunPace',
  'stepRun',
  'cancelRun',
  'listRuns',
  'getRun',
  'renameRun',
  'deleteRun',
  'getMetricSeries',
  'getWeights',
  'compareRuns',
  'exportModel',
  'exportTemplates',
  'exportMetricsCsv',
  'exportPytorchProject',
  'importRunMetrics',
  'listExports',
  'importModel',
  'listModels',
  'getModel',
  'deleteModel',
  'loadModel',
  'predict',
  'getDatasetImages',
  'evaluateRun',
  'getEvaluationExamples',
  'getImageWarp',
  'changeCourse',
  'getCourse',
  'rerunRun',
  'getReplayInfo',
  'compareReplay',
  'startSweep',
  'listSweeps',
  'getSweep',
  'cancelSweep',
  'getStorage',
  'compactStorage',
] as const;

export const eventNames = ['runProgress', 'runFinished', 'runStatus', 'importProgress', 'storageProgress', 'labChanged', 'menuCommand'] as const;

export type InvokeName = (typeof invokeNames)[number];
export type EventName = (typeof eventNames)[number];

/** `runProgress` → `onRunProgress`: the API method that subscribes to an event. */
export type ListenerName<E extends string> = `on${Capitalize<E>}`;
export function listenerName<E extends string>(event: E): ListenerName<E> {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as ListenerName<E>;
}

/** The two Electron IPC channels: every invoke goes over one, every event over the other. */
export const ipcInvokeChannel = 'neural-lab:invoke';
export const ipcEventChannel = 'neural-lab:event';

/** Web mode: `POST {httpInvokePrefix}<name>` with the JSON request; events over a WebSocket at `wsEventsPath`. */
export const httpInvokePrefix = '/api/invoke/';
export const wsEventsPath = '/api/events';
