/**
 * The one API between the renderer and main, whatever carries it (Electron IPC on the
 * desktop, HTTP + WebSocket in web mode). Each invoke channel has a request and a response
 * schema, each event channel a payload schema; every type used by the preload script, the
 * router, the web transport and the renderer is inferred from here and nowhere else.
 *
 * Requests are strict (unknown keys are an error, so a typo never passes silently) and
 * bounded (see schemas.ts). Responses are what the router promises to send back.
 */

import { z } from 'zod';
import type { ApiResult } from './result';
import { runPace, stepUnit } from '../training/pace';
import type { EventName, InvokeName, ListenerName } from './channels';
import {
  appInfo,
  checkpointRecord,
  datasetSummary,
  entityId,
  experimentRecord,
  importOptions,
  importProgressEvent,
  labChangedEvent,
  importReport,
  jobId,
  layerWeights,
  menuCommand,
  metricSeries,
  metricSplit,
  nameText,
  notesText,
  runDataSpec,
  runFinishedEvent,
  runProgressEvent,
  runStatusEvent,
  runQuery,
  runRecord,
  runSplitSpec,
  tagList,
  trainConfig,
  regularizerSpec,
} from './schemas';
import {
  absolutePath,
  destinationFields,
  exportedFile,
  exportFormat,
  exportRecord,
  imagePrediction,
  importedModel,
  maxPredictImages,
  maxPredictPaths,
  maxPredictTotalBytes,
  modelId,
  modelRef,
  modelSummary,
  oneDestination,
  uploadedImage,
} from './model-schemas';
import {
  datasetImagesRequest,
  datasetImagesResponse,
  evaluateRunRequest,
  evaluateRunResponse,
  evaluationExamplesRequest,
  evaluationExamplesResponse,
} from './view-schemas';
import {
  changeCourseRequest,
  imageWarpRequest,
  imageWarpResponse,
  replayComparison,
  replayInfo,
  runCourse,
  startSweepRequest,
  sweepRecord,
  sweepState,
} from './instrument-schemas';
import { compactRequest, compactResponse, storageProgressEvent, storageReport } from './storage-schemas';

import { MAX_METRICS_FILE_BYTES } from '../export/pytorch/metrics';

const empty = z.strictObject({});

/** A new-experiment form is ~1 KB of JSON; this leaves room without letting a caller fill the disk. */
const maxFormDraftChars = 16_384;

/** Which form draft: the last one edited (`last`), or the last one for a dataset or for toy data. */
export const formDraftKey = z.string().regex(/^(last|toy|dataset:[1-9]\d{0,15})$/, 'must be "last", "toy" or "dataset:<id>"');
/** A form's fields as plain JSON; the renderer checks each field when it restores one. */
export const formDraft = z.record(z.string().max(64), z.json()).refine((draft) => JSON.stringify(draft).length <= maxFormDraftChars, `must be at most ${maxFormDraftChars} characters as JSON`);
const byId = z.strictObject({ id: entityId });
const deleted = z.strictObject({ deleted: z.boolean() });
const maxPoints = z.number().int().min(2, 'must be at least 2').max(10_000, 'must be at most 10,000').default(500);

const newRun = z.strictObject({
  experimentId: entityId.nullable().optional(),
  name: nameText.optional(),
  config: trainConfig,
  data: runDataSpec,
  /** default: 10% validation, no test, seeded by the config's seed */
  split: runSplitSpec.optional(),
});

const predictRequest = z
  .strictObject({
    model: modelRef,
    /** uploaded images (web mode, drag and drop): at most 32, 16 MiB each, 64 MiB together */
    images: z.array(uploadedImage).min(1, 'must hold at least one image').max(maxPredictImages, `at most ${maxPredictImages} images at once`).optional(),
    /** image files on this machine */
    paths: z.array(absolutePath).min(1, 'must name at least one file').max(maxPredictPaths, `at most ${maxPredictPaths} files at once`).optional(),
  })
  .superRefine((request, ctx) => {
    if ((request.images === undefined) === (request.paths === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['images'], message: 'give either images (uploaded bytes) or paths (files), exactly one of them' });
    }
    const bytes = (request.images ?? []).reduce((sum, image) => sum + (image.base64.length / 4) * 3, 0);
    if (bytes > maxPredictTotalBytes) ctx.addIssue({ code: 'custom', path: ['images'], message: `the images hold more than ${maxPredictTotalBytes / 2 ** 20} MiB together` });
  });

/** Request → response of each invoke channel. */
export const invokeContract = {
  getAppInfo: { request: empty, response: appInfo },

  /** The new-experiment form as it was last left (per dataset), kept by main across reloads and restarts. */
  getFormDraft: { request: z.strictObject({ key: formDraftKey }), response: z.strictObject({ draft: formDraft.nullable() }) },
  saveFormDraft: { request: z.strictObject({ key: formDraftKey, draft: formDraft }), response: z.strictObject({ saved: z.boolean() }) },

  /** Native folder picker; `unsupported` in web mode (the UI shows a path field there). */
  chooseDatasetFolder: { request: z.strictObject({ title: z.string().max(200).optional() }), response: z.strictObject({ path: z.string().nullable() }) },
  /** Native save dialog; `unsupported` in web mode. */
  chooseExportPath: {
    request: z.strictObject({ defaultName: z.string().max(255).optional(), extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,10}$/)).max(10).optional() }),
    response: z.strictObject({ path: z.string().nullable() }),
  },

  /** Native open dialog for a model file (`model`: .json, .onnx) or images; `unsupported` in web mode. */
  chooseOpenFiles: {
    request: z.strictObject({ title: z.string().max(200).optional(), kind: z.enum(['model', 'images']), multiple: z.boolean().default(false) }),
    response: z.strictObject({ paths: z.array(z.string()).nullable() }),
  },

  /** Imports a folder (`ROOT/<class>/…` or `ROOT/train|val|test/<class>/…`); resolves when done. */
  importFolder: {
    request: z.strictObject({ jobId, path: absolutePath, name: nameText.optional(), options: importOptions.default(importOptions.parse({})) }),
    response: z.strictObject({ dataset: datasetSummary, report: importReport }),
  },
  /** Imports the built-in sample that ships in resources/. */
  importSample: {
    request: z.strictObject({ jobId, options: importOptions.default(importOptions.parse({})) }),
    response: z.strictObject({ dataset: datasetSummary, report: importReport }),
  },
  /** Stops an import started with `jobId`; its invoke then fails with `cancelled`. */
  cancelImport: { request: z.strictObject({ jobId }), response: z.strictObject({ cancelled: z.boolean() }) },
  listDatasets: { request: empty, response: z.strictObject({ datasets: z.array(datasetSummary) }) },
  getDatasetReport: { request: byId, response: z.strictObject({ dataset: datasetSummary, report: importReport.nullable() }) },
  /** Refused (`conflict`) while runs use the dataset. */
  deleteDataset: { request: byId, response: deleted },

  listExperiments: { request: empty, response: z.strictObject({ experiments: z.array(experimentRecord) }) },
  createExperiment: {
    request: z.strictObject({ name: nameText, notes: notesText.optional(), tags: tagList.optional() }),
    response: experimentRecord,
  },
  renameExperiment: { request: z.strictObject({ id: entityId, name: nameText }), response: experimentRecord },
  setExperimentNotes: { request: z.strictObject({ id: entityId, notes: notesText }), response: experimentRecord },
  setExperimentTags: { request: z.strictObject({ id: entityId, tags: tagList }), response: experimentRecord },
  /** Deletes the experiment with all its runs. */
  deleteExperiment: { request: byId, response: deleted },

  /** Queues one run; progress arrives as `runProgress` events, the end as `runFinished`. */
  startRun: { request: newRun, response: runRecord },
  /** The same config, seed and split twice with two regularisers (L1 vs L2 unless given). */
  startTwins: {
    request: newRun.extend({ regularizers: z.tuple([regularizerSpec, regularizerSpec]).optional() }),
    response: z.strictObject({ twinGroup: z.string(), runs: z.tuple([runRecord, runRecord]) }),
  },
  pauseRun: { request: byId, response: runRecord },
  resumeRun: { request: byId, response: runRecord },
  /** How fast a run trains: real time, so many mini-batches or epochs a second, or held for Step. */
  setRunPace: { request: z.strictObject({ id: entityId, pace: runPace }), response: runRecord },
  /** One more mini-batch or epoch of a training run, which is then held until the next Step. */
  stepRun: { request: z.strictObject({ id: entityId, unit: stepUnit }), response: runRecord },
  cancelRun: { request: byId, response: runRecord },
  listRuns: { request: runQuery, response: z.strictObject({ runs: z.array(runRecord) }) },
  getRun: {
    request: byId,
    response: z.strictObject({
      run: runRecord,
      checkpoints: z.array(checkpointRecord),
      series: z.array(z.strictObject({ split: metricSplit, name: z.string(), count: z.number().int() })),
    }),
  },
  renameRun: { request: z.strictObject({ id: entityId, name: nameText }), response: runRecord },
  /** Deletes the run with its metrics and checkpoints; a training run is cancelled first. */
  deleteRun: { request: byId, response: deleted },
  /** Series of one run, each downsampled to at most `maxPoints` (extremes kept). All series when `series` is absent. */
  getMetricSeries: {
    request: z.strictObject({
      runId: entityId,
      series: z.array(z.strictObject({ split: metricSplit, name: z.string().min(1).max(100) })).min(1).max(50).optional(),
      maxPoints,
    }),
    response: z.strictObject({ runId: entityId, series: z.array(metricSeries) }),
  },
  /** Weights at a checkpoint (the latest when `checkpointId` is absent). */
  getWeights: {
    request: z.strictObject({ runId: entityId, checkpointId: entityId.optional() }),
    response: z.strictObject({ runId: entityId, checkpoint: checkpointRecord, layers: z.array(layerWeights) }),
  },
  compareRuns: {
    request: z.strictObject({ a: entityId, b: entityId, maxPoints }),
    response: z.strictObject({
      runs: z.tuple([runRecord, runRecord]),
      differences: z.array(z.strictObject({ path: z.string(), a: z.unknown(), b: z.unknown() })),
      series: z.array(z.strictObject({ split: metricSplit, name: z.string(), a: metricSeries.nullable(), b: metricSeries.nullable() })),
    }),
  },

  /**
   * Writes a model file: a run's weights (recorded in its exports) or an imported model, as
   * native JSON, ONNX or safetensors (+ a PyTorch snippet `<name>.py` beside it). Refused
   * (`conflict`) where a file would be replaced without `overwrite`; `failed` with the
   * reason for a missing folder, a full disk or no permission (nothing is left half-written).
   */
  exportModel: {
    request: z.strictObject({ model: modelRef, format: exportFormat, ...destinationFields }).superRefine(oneDestination),
    response: z.strictObject({
      format: exportFormat,
      file: exportedFile,
      /** files written beside it (the .py snippet for safetensors) */
      extras: z.array(exportedFile),
      /** the PyTorch snippet (safetensors), for the export dialog */
      snippet: z.string().optional(),
      /** the record in the run's exports; null for imported models */
      export: exportRecord.nullable(),
    }),
  },
  /** The first layer's templates as PNG files (`template-<k>-<class>.png`, or `unit-<j>.png` for an MLP) in an existing folder; same-named files are replaced. */
  exportTemplates: {
    request: z.strictObject({
      model: modelRef,
      folder: absolutePath,
      coloring: z.enum(['image', 'diverging']).optional(),
      scaling: z.enum(['per-template', 'shared']).optional(),
      /** each pixel becomes zoom × zoom */
      zoom: z.number().int('must be a whole number').min(1, 'must be at least 1').max(64, 'must be at most 64').default(1),
    }),
    response: z.strictObject({ files: z.array(exportedFile) }),
  },
  /** Every metric series of a run, full resolution, as one CSV file. */
  exportMetricsCsv: {
    request: z.strictObject({ runId: entityId, ...destinationFields }).superRefine(oneDestination),
    response: z.strictObject({ file: exportedFile }),
  },
  /**
   * A run as a PyTorch project folder (model.py, train.py that replays or continues it, its
   * data and weights): `folder` is created if missing; an existing one must be empty or
   * hold an earlier project export.
   */
  exportPytorchProject: {
    request: z.strictObject({ runId: entityId, folder: absolutePath, checkpointId: entityId.optional() }),
    response: z.strictObject({ folder: z.string(), files: z.array(exportedFile) }),
  },
  /**
   * The metrics.jsonl an exported project's train.py wrote, recorded as a finished run of
   * the same experiment as the run it came from (for Compare). `content` is the file's text.
   */
  importRunMetrics: {
    request: z.strictObject({ fileName: z.string().min(1).max(255), content: z.string().max(MAX_METRICS_FILE_BYTES, `must be at most ${MAX_METRICS_FILE_BYTES / 1024 / 1024} MB`) }),
    /** `run`: the new run; `sourceRunId`: the lab run it was exported from */
    response: z.strictObject({ run: runRecord, sourceRunId: entityId }),
  },
  /** The model files written from a run so far. */
  listExports: { request: z.strictObject({ runId: entityId }), response: z.strictObject({ exports: z.array(exportRecord) }) },

  /** Reads a native JSON or ONNX model file in full and, if it is sound, copies it into `<dataDir>/models` as native JSON; a bad file changes nothing. */
  importModel: { request: z.strictObject({ path: absolutePath }), response: z.strictObject({ model: importedModel }) },
  /** The imported models, and the files in the models folder that do not read (with why). */
  listModels: {
    request: empty,
    response: z.strictObject({ models: z.array(importedModel), problems: z.array(z.strictObject({ id: z.string(), path: z.string(), message: z.string() })) }),
  },
  /** An imported model with its weights (for its templates; runs have getWeights). */
  getModel: { request: z.strictObject({ modelId }), response: z.strictObject({ model: importedModel, layers: z.array(layerWeights) }) },
  deleteModel: { request: z.strictObject({ modelId }), response: deleted },
  /**
   * Classifies uploaded images or image files with a run's model or an imported one, each
   * image prepared exactly as the model's training images were. An image that cannot be
   * used gets `ok: false` with the reason; the others are still predicted.
   */
  /**
   * Loads a model into main's cache (a run's model needs its dataset for class names and
   * normalisation: seconds the first time), so the predictions that follow take milliseconds.
   */
  loadModel: { request: z.strictObject({ model: modelRef }), response: z.strictObject({ model: modelSummary }) },
  predict: {
    request: predictRequest,
    response: z.strictObject({ model: modelSummary, classNames: z.array(z.string()), results: z.array(imagePrediction) }),
  },

  /** A few images per class, preprocessed: thumbnails of a dataset, or a preview of import options for a folder or the sample. */
  getDatasetImages: { request: datasetImagesRequest, response: datasetImagesResponse },
  /** A run's confusion matrix on a split, from its latest (or chosen) checkpoint, with the data prepared as training did. */
  evaluateRun: { request: evaluateRunRequest, response: evaluateRunResponse },
  /** The samples of one cell of that matrix (true class × predicted class), most confident first, with their probabilities. */
  getEvaluationExamples: { request: evaluationExamplesRequest, response: evaluationExamplesResponse },

  /** A run's validation samples projected to a plane in input space and each hidden layer's space (one PCA per space and run), at every checkpoint. */
  getImageWarp: { request: imageWarpRequest, response: imageWarpResponse },
  /** Changes the learning rate or λ of a paused run from where it stopped; recorded, replayed by Re-run, marked on its curves. */
  changeCourse: { request: changeCourseRequest, response: runCourse },
  getCourse: { request: byId, response: runCourse },
  /** Trains a finished run again from scratch: same config, seed, data, split and course changes (a new run). */
  rerunRun: { request: byId, response: runRecord },
  /** What reproduces a run (dataset hash, app version, kernel path, threads) and its re-runs. */
  getReplayInfo: { request: byId, response: replayInfo },
  /** A run against its re-run: bit-identical, or how far apart, series by series and in the final weights. */
  compareReplay: { request: z.strictObject({ original: entityId, replay: entityId }), response: replayComparison },
  /** A grid of runs over two settings of a base run, queued as one experiment. */
  startSweep: { request: startSweepRequest, response: sweepState },
  listSweeps: { request: empty, response: z.strictObject({ sweeps: z.array(sweepRecord) }) },
  getSweep: { request: byId, response: sweepState },
  /** Cancels every run of the sweep that has not finished. */
  cancelSweep: { request: byId, response: sweepState },
  /** The database's size, its free space and each run's share. */
  getStorage: { request: empty, response: storageReport },
  /** Gives the database's free space back to the disk; progress as `storageProgress` events. Refused (`conflict`) while an older file would need a rebuild and runs are training. */
  compactStorage: { request: compactRequest, response: compactResponse },
} as const satisfies Record<InvokeName, { request: z.ZodType; response: z.ZodType }>;

/** Payload of each event channel (main → renderer). */
export const eventContract = {
  /** throttled, at most ~20 a second per run */
  runProgress: runProgressEvent,
  /** the last event of every run, also on pause */
  runFinished: runFinishedEvent,
  /** every status change (queued, running, paused, …) */
  runStatus: runStatusEvent,
  importProgress: importProgressEvent,
  storageProgress: storageProgressEvent,
  /** another process wrote to the database (noticed within half a second) */
  labChanged: labChangedEvent,
  /** the application menu asks the UI to do something */
  menuCommand,
} as const satisfies Record<EventName, z.ZodType>;

// The name lists in channels.ts and the schemas above must cover exactly the same channels.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const invokeNamesMatch: Exactly<keyof typeof invokeContract, InvokeName> = true;
const eventNamesMatch: Exactly<keyof typeof eventContract, EventName> = true;
void invokeNamesMatch;
void eventNamesMatch;

// ---------------------------------------------------------------- derived types

/** What a caller sends (defaults may be left out). */
export type RequestOf<C extends InvokeName> = z.input<(typeof invokeContract)[C]['request']>;
/** What a handler receives after validation (defaults filled in). */
export type ParsedRequestOf<C extends InvokeName> = z.output<(typeof invokeContract)[C]['request']>;
export type ResponseOf<C extends InvokeName> = z.output<(typeof invokeContract)[C]['response']>;
export type EventOf<E extends EventName> = z.output<(typeof eventContract)[E]>;

/** A request that may be left out entirely (all its fields are optional). */
type InvokeMethod<C extends InvokeName> =
  Record<string, never> extends RequestOf<C>
    ? (request?: RequestOf<C>) => Promise<ApiResult<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<ApiResult<ResponseOf<C>>>;

/**
 * The renderer's API: `window.neuralLab` on the desktop, the web transport's object in a
 * browser. One method per invoke channel (`startRun(request)`), one `on<Event>(listener)`
 * per event channel returning its unsubscribe function.
 */
export type NeuralLabApi = { readonly [C in InvokeName]: InvokeMethod<C> } & {
  readonly [E in EventName as ListenerName<E>]: (listener: (event: EventOf<E>) => void) => () => void;
} & { readonly transport: 'ipc' | 'web' };

export type { InvokeName, EventName } from './channels';
export type { ApiResult, ApiError, ApiErrorCode } from './result';
