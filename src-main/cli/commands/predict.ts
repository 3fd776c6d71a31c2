/**
 * `lab predict --model FILE IMAGE... [--json]`: classifies image files with a native JSON
 * or ONNX model written by the lab, preparing each image exactly as the model's training
 * images were (its own size, colour, fit and normalisation).
 */
import { flag, formatHelp, parseArgs, text, UsageError } from '../args';
import { predictFiles, readModelFile } from '../../models';
import { describeArchitecture, describeInput } from '../../../src-shared/export/model';

export const summary = 'classify images with a trained model (native JSON or ONNX)';

const specs = {
  model: text('FILE', 'the model: a native JSON file (train --out, export --format json) or an ONNX file from export'),
  json: flag('print {"predictions": [...]} as the last line'),
};

const HELP = formatHelp('npm run lab -- predict --model FILE IMAGE... [--json]', [{ title: 'options', specs }])
  + '\n\nexample: npm run lab -- predict --model cats.json photos/*.jpg --json';

export async function run(args: string[]): Promise<number> {
  const { options, positionals: images, help } = parseArgs(args, specs, 'predict');
  if (help) {
    console.log(HELP);
    return 0;
  }
  if (options.model === undefined) throw new UsageError('predict needs --model FILE (a native JSON or ONNX model)');
  if (images.length === 0) throw new UsageError('predict needs at least one IMAGE file after the options');

  const model = await readModelFile(options.model);
  const results = await predictFiles(model, images);
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    const first = failed[0];
    const more = failed.length > 1 ? ` (and ${failed.length - 1} more image${failed.length > 2 ? 's' : ''} that cannot be read)` : '';
    throw new Error(`cannot predict: ${first.ok ? '' : first.error}${more}`);
  }

  console.log(`model "${model.name}": ${describeArchitecture(model.architecture)}, ${model.classNames.length} classes; input ${describeInput(model.input)}`);
  const predictions = results.flatMap((r) => (r.ok ? [r] : []));
  for (const p of predictions) {
    const top = p.probabilities.map((prob, k) => ({ prob, name: model.classNames[k] })).sort((a, b) => b.prob - a.prob).slice(0, 3);
    console.log(`${p.file}: ${p.label}  (${top.map((t) => `${t.name} ${(100 * t.prob).toFixed(1)}%`).join(', ')})`);
  }
  if (options.json) {
    console.log(JSON.stringify({
      predictions: predictions.map((p) => ({
        file: p.file,
        label: p.label,
        probabilities: Object.fromEntries(model.classNames.map((name, k) => [name, p.probabilities[k]])),
        scores: Object.fromEntries(model.classNames.map((name, k) => [name, p.scores[k]])),
      })),
    }));
  }
  return 0;
}
