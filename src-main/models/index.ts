/**
 * Model export, import and prediction for the main process and the CLI; see service.ts.
 * The formats themselves are pure TypeScript in src-shared/export.
 */
export {
  APP_VERSION,
  decodeModelBytes,
  encodeModel,
  EXPORT_FORMATS,
  exportMetricsCsv,
  exportModel,
  exportRun,
  exportTemplates,
  importModel,
  listModels,
  modelFromRun,
  predictFiles,
  predictImageBytes,
  MAX_MODEL_BYTES,
  readModelFile,
  runData,
  summarizeModel,
  type ExportedFile,
  type ExportFormat,
  type ExportResult,
  type FilePrediction,
  type ModelSummary,
  type RunData,
  type RunModelOptions,
  type TemplateExportOptions,
} from './service';
export { exportPytorchProject, pytorchProjectOfRun, type PytorchExportResult } from './pytorch';
export { importRunMetrics, importRunMetricsFile } from './metrics-import';
export { cleanFileName, ExportError, fileNameProblem, pathInside, splitOutputPath, writeFilesAtomically } from './files';
export { modelOutput, trainedModel, writeTrainedModel, type TrainedModelInfo, type TrainingDataInfo } from './trained-model';
export { ModelFileError, type ModelFileErrorCode } from '../../src-shared/export/native';
export type { TrainedModel } from '../../src-shared/export/model';
