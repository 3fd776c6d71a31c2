/**
 * Models leaving and re-entering the lab (pure TypeScript; files are written by
 * src-main/models):
 *
 *   encodeNativeModel(model) → JSON text      decodeNativeModel(text | bytes) → model
 *   encodeOnnx(model) → bytes                 decodeOnnx(bytes) → model (ONNX files we wrote)
 *   encodeSafetensors(model) → bytes          pytorchSnippet(model, fileName) → Python text
 *   metricsCsv(rows) → CSV text               new ModelRunner(model).predictImages(pixels, n)
 *
 * Bad files throw ModelFileError (code + one-line message); inconsistent models ModelError.
 */
export * from './model';
export { decodeNativeModel, encodeNativeModel, ModelFileError, NATIVE_FORMAT, NATIVE_VERSION, type ModelFileErrorCode } from './native';
export { decodeOnnx, encodeOnnx, looksLikeOnnx, onnxOutputName, ONNX_INPUT_NAME, ONNX_IR_VERSION, ONNX_METADATA, ONNX_OPSET } from './onnx';
export { encodeSafetensors, pytorchSnippet, safetensorsNames, transposeWeights } from './safetensors';
export { metricsCsv, type MetricValue } from './csv';
export { ModelRunner, type Prediction } from './predict';
