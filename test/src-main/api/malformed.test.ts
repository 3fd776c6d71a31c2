/**
 * Malformed payloads on every invoke channel, over both transports, against the real
 * services: each gets an `invalid-request` error naming the field, and nothing changes —
 * not one row in any table of the database, no import job, no training worker.
 * The table below is keyed by channel name with the contract's own type, so a new channel
 * does not compile until it has its bad cases.
 */

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeNames, type InvokeName } from '../../../src-shared/api/channels';
import { maxPredictImageBytes, maxPredictImages, maxPredictPaths, maxPredictTotalBytes } from '../../../src-shared/api/model-schemas';
import { databaseSnapshot, startHarness, waitForEvent, writeImageFolder, type Harness, type TransportKind } from './harness';
import { toyConfig, toyData, toyRun } from './fixtures';

interface BadCase {
  why: string;
  payload: unknown;
  /** the issue path the error must name ('' for the request itself) */
  field: string;
}

/** Ids that exist in the seeded database, so only the shape can be wrong. */
interface Ids {
  experiment: number;
  dataset: number;
  run: number;
  /** the lab's own (existing, absolute) folder, for export destinations */
  folder: string;
}

const hostile = '<img src=x onerror=alert(1)>\'; DROP TABLE runs; --';
const huge = 'x'.repeat(100_000);

/** Names that would climb out of the chosen folder, or that no file system should be handed. */
const hostileFileNames: [string, string][] = [
  ['traversal', '../escape.json'],
  ['Windows traversal', '..\\escape.json'],
  ['the parent folder itself', '..'],
  ['an absolute path', '/etc/passwd'],
  ['a drive path', 'C:evil.json'],
  ['a NUL byte', 'model.json\u0000.png'],
  ['a reserved device name', 'CON.json'],
  ['a trailing dot', 'model.'],
  ['an empty name', ''],
  ['a 300-byte name', `${'é'.repeat(150)}.json`],
];

function badCases(ids: Ids): Record<InvokeName, BadCase[]> {
  const run = toyRun(2);
  const model = { kind: 'run', runId: ids.run };
  const destination = (name: string, extra: object = {}): BadCase[] => [
    ...hostileFileNames.map(([why, fileName]): BadCase => ({ why: `${name}: file name with ${why}`, payload: { ...extra, folder: ids.folder, fileName }, field: 'fileName' })),
    { why: `${name}: ".." in the path`, payload: { ...extra, path: `${ids.folder}/../escape.json` }, field: 'path' },
    { why: `${name}: ".." in the folder`, payload: { ...extra, folder: `${ids.folder}/..`, fileName: 'x.json' }, field: 'folder' },
    { why: `${name}: a relative path`, payload: { ...extra, path: 'escape.json' }, field: 'path' },
    { why: `${name}: NUL in the path`, payload: { ...extra, path: `${ids.folder}/x\u0000.json` }, field: 'path' },
    { why: `${name}: both a path and a folder`, payload: { ...extra, path: `${ids.folder}/x.json`, folder: ids.folder, fileName: 'x.json' }, field: 'path' },
    { why: `${name}: no destination`, payload: { ...extra }, field: 'path' },
    { why: `${name}: a folder without a file name`, payload: { ...extra, folder: ids.folder }, field: 'fileName' },
    { why: `${name}: overwrite as a string`, payload: { ...extra, folder: ids.folder, fileName: 'x.json', overwrite: 'yes' }, field: 'overwrite' },
  ];
  const badModelIds = (wrap: (modelId: unknown) => object, field: string): BadCase[] => [
    { why: 'model id climbing out of the models folder', payload: wrap('../lab.db'), field },
    { why: 'model id naming the database', payload: wrap('lab.db'), field },
    { why: 'hidden model id', payload: wrap('.secret.json'), field },
    { why: 'model id as an absolute path', payload: wrap('/etc/passwd.json'), field },
    { why: 'model id as a number', payload: wrap(5), field },
  ];
  const goodImage = { name: 'a.png', base64: 'iVBORw0KGgo=' };
  const byId = (name: string): BadCase[] => [
    { why: `${name}: id as a string`, payload: { id: String(ids.run) }, field: 'id' },
    { why: `${name}: missing id`, payload: {}, field: 'id' },
    { why: `${name}: negative id`, payload: { id: -1 }, field: 'id' },
    { why: `${name}: fractional id`, payload: { id: 1.5 }, field: 'id' },
    { why: `${name}: id beyond 2^53`, payload: { id: 2 ** 60 }, field: 'id' },
    { why: `${name}: SQL in the id`, payload: { id: `${ids.run} OR 1=1` }, field: 'id' },
  ];
  return {
    getAppInfo: [],
    getFormDraft: [
      { why: 'a key that is a path', payload: { key: '../lab.db' }, field: 'key' },
      { why: 'dataset key without an id', payload: { key: 'dataset:' }, field: 'key' },
    ],
    saveFormDraft: [
      { why: 'draft as a string', payload: { key: 'last', draft: 'x' }, field: 'draft' },
      { why: 'draft far too large', payload: { key: 'last', draft: { name: huge } }, field: 'draft' },
      { why: 'missing key', payload: { draft: {} }, field: 'key' },
    ],
    chooseDatasetFolder: [
      { why: 'title as a number', payload: { title: 5 }, field: 'title' },
      { why: 'title far too long', payload: { title: huge }, field: 'title' },
    ],
    chooseExportPath: [
      { why: 'extension with a path in it', payload: { extensions: ['../../etc/passwd'] }, field: 'extensions[0]' },
      { why: 'default name as a number', payload: { defaultName: 7 }, field: 'defaultName' },
    ],
    importFolder: [
      { why: 'missing job id', payload: { path: '/tmp' }, field: 'jobId' },
      { why: 'job id with a slash', payload: { jobId: 'a/b', path: '/tmp' }, field: 'jobId' },
      { why: 'missing path', payload: { jobId: 'j1' }, field: 'path' },
      { why: 'empty path', payload: { jobId: 'j1', path: '' }, field: 'path' },
      { why: 'NUL in the path', payload: { jobId: 'j1', path: '/tmp/a\u0000b' }, field: 'path' },
      { why: 'path as an array', payload: { jobId: 'j1', path: ['/tmp'] }, field: 'path' },
      { why: 'a relative path (would resolve against the server\'s folder)', payload: { jobId: 'j1', path: 'resources/fashion-mnist-sample' }, field: 'path' },
      { why: 'a path through ..', payload: { jobId: 'j1', path: '/tmp/../etc' }, field: 'path' },
      { why: 'gigantic image width', payload: { jobId: 'j1', path: '/tmp', options: { width: 1e9 } }, field: 'options.width' },
      { why: '2 channels', payload: { jobId: 'j1', path: '/tmp', options: { channels: 2 } }, field: 'options.channels' },
      { why: 'negative validation share', payload: { jobId: 'j1', path: '/tmp', options: { valFraction: -1 } }, field: 'options.valFraction' },
      { why: 'unknown option', payload: { jobId: 'j1', path: '/tmp', options: { recursive: true } }, field: 'options' },
    ],
    importSample: [
      { why: 'job id as a number', payload: { jobId: 5 }, field: 'jobId' },
      { why: 'unknown fit mode', payload: { jobId: 'j2', options: { fit: 'zoom' } }, field: 'options.fit' },
    ],
    cancelImport: [
      { why: 'missing job id', payload: {}, field: 'jobId' },
      { why: 'empty job id', payload: { jobId: '' }, field: 'jobId' },
    ],
    listDatasets: [],
    getDatasetReport: byId('getDatasetReport'),
    deleteDataset: byId('deleteDataset'),
    listExperiments: [],
    createExperiment: [
      { why: 'missing name', payload: {}, field: 'name' },
      { why: 'blank name', payload: { name: '   ' }, field: 'name' },
      { why: 'name too long', payload: { name: huge }, field: 'name' },
      { why: 'notes as a number', payload: { name: 'x', notes: 5 }, field: 'notes' },
      { why: 'tag with a comma', payload: { name: 'x', tags: ['a,b'] }, field: 'tags[0]' },
      { why: 'tags as a string', payload: { name: 'x', tags: 'a' }, field: 'tags' },
    ],
    renameExperiment: [
      { why: 'missing name', payload: { id: ids.experiment }, field: 'name' },
      { why: 'id as a string', payload: { id: 'x', name: 'y' }, field: 'id' },
    ],
    setExperimentNotes: [{ why: 'notes too long', payload: { id: ids.experiment, notes: 'n'.repeat(20_001) }, field: 'notes' }],
    setExperimentTags: [
      { why: 'too many tags', payload: { id: ids.experiment, tags: Array.from({ length: 33 }, (_, i) => `t${i}`) }, field: 'tags' },
      { why: 'tag as an object', payload: { id: ids.experiment, tags: [{ tag: 'x' }] }, field: 'tags[0]' },
    ],
    deleteExperiment: byId('deleteExperiment'),
    startRun: [
      { why: 'missing data', payload: { config: run.config }, field: 'data' },
      { why: 'missing config', payload: { data: toyData }, field: 'config' },
      { why: 'negative learning rate', payload: { ...run, config: toyConfig(2, { optimizer: { kind: 'sgd', lr: -1 } }) }, field: 'config.optimizer.lr' },
      { why: 'learning rate as a string', payload: { ...run, config: { ...run.config, optimizer: { kind: 'sgd', lr: '0.1' } } }, field: 'config.optimizer.lr' },
      { why: 'a billion hidden units', payload: { ...run, config: toyConfig(2, { model: { inputSize: 2, numClasses: 3, hidden: [{ units: 1e9, activation: 'relu' }] } }) }, field: 'config.model.hidden[0].units' },
      { why: 'unknown activation', payload: { ...run, config: toyConfig(2, { model: { inputSize: 2, numClasses: 3, hidden: [{ units: 4, activation: 'swish' as 'relu' }] } }) }, field: 'config.model.hidden[0].activation' },
      { why: 'zero epochs', payload: { ...run, config: toyConfig(0) }, field: 'config.epochs' },
      { why: 'fractional batch size', payload: { ...run, config: toyConfig(2, { batchSize: 1.5 }) }, field: 'config.batchSize' },
      { why: 'negative seed', payload: { ...run, config: toyConfig(2, { seed: -1 }) }, field: 'config.seed' },
      { why: 'unknown toy dataset', payload: { ...run, data: { ...toyData, toy: 'donut' } }, field: 'data.toy' },
      { why: 'unknown data kind', payload: { ...run, data: { kind: 'images', path: '/tmp' } }, field: 'data.kind' },
      { why: 'extra key in the config', payload: { ...run, config: { ...run.config, eval: 'process.exit()' } }, field: 'config' },
      { why: 'split with no training data', payload: { ...run, split: { val: 0.5, test: 0.5, seed: 1 } }, field: 'split.val' },
      { why: 'hostile name far too long', payload: { ...run, name: hostile + huge }, field: 'name' },
    ],
    startTwins: [
      { why: 'half a regularizer pair', payload: { ...run, regularizers: [{ kind: 'l1' }] }, field: 'regularizers' },
      { why: 'unknown regularizer', payload: { ...run, regularizers: [{ kind: 'l3', l1: 0, l2: 0, proximal: false }, { kind: 'l2', l1: 0, l2: 1e-3, proximal: false }] }, field: 'regularizers[0].kind' },
      { why: 'infinite-looking λ', payload: { ...run, regularizers: [{ kind: 'l1', l1: 1e300, l2: 0, proximal: true }, { kind: 'l2', l1: 0, l2: 1e-3, proximal: false }] }, field: 'regularizers[0].l1' },
    ],
    pauseRun: byId('pauseRun'),
    resumeRun: byId('resumeRun'),
    setRunPace: [
      { why: 'unknown pace', payload: { id: ids.run, pace: { kind: 'warp' } }, field: 'pace.kind' },
      { why: 'negative rate', payload: { id: ids.run, pace: { kind: 'batches', perSecond: -1 } }, field: 'pace.perSecond' },
      { why: 'missing id', payload: { pace: { kind: 'held' } }, field: 'id' },
    ],
    stepRun: [
      { why: 'unknown unit', payload: { id: ids.run, unit: 'week' }, field: 'unit' },
      { why: 'missing unit', payload: { id: ids.run }, field: 'unit' },
    ],
    cancelRun: byId('cancelRun'),
    listRuns: [
      { why: 'unknown status', payload: { status: ['sleeping'] }, field: 'status[0]' },
      { why: 'SQL as the sort key', payload: { sort: 'name; DROP TABLE runs' }, field: 'sort' },
      { why: 'negative limit', payload: { limit: -5 }, field: 'limit' },
      { why: 'search text too long', payload: { text: huge }, field: 'text' },
    ],
    getRun: byId('getRun'),
    renameRun: [
      { why: 'name as a number', payload: { id: ids.run, name: 5 }, field: 'name' },
      { why: 'missing id', payload: { name: 'x' }, field: 'id' },
    ],
    deleteRun: byId('deleteRun'),
    getMetricSeries: [
      { why: 'one point', payload: { runId: ids.run, maxPoints: 1 }, field: 'maxPoints' },
      { why: 'a billion points', payload: { runId: ids.run, maxPoints: 1e9 }, field: 'maxPoints' },
      { why: 'unknown split', payload: { runId: ids.run, series: [{ split: 'weird', name: 'loss' }] }, field: 'series[0].split' },
      { why: 'missing run id', payload: {}, field: 'runId' },
    ],
    getWeights: [
      { why: 'checkpoint by name', payload: { runId: ids.run, checkpointId: 'latest' }, field: 'checkpointId' },
      { why: 'run id as null', payload: { runId: null }, field: 'runId' },
    ],
    compareRuns: [
      { why: 'only one run', payload: { a: ids.run }, field: 'b' },
      { why: 'run id as a string', payload: { a: ids.run, b: String(ids.run) }, field: 'b' },
    ],
    chooseOpenFiles: [
      { why: 'missing kind', payload: {}, field: 'kind' },
      { why: 'unknown kind', payload: { kind: 'executable' }, field: 'kind' },
      { why: 'multiple as a string', payload: { kind: 'images', multiple: 'yes' }, field: 'multiple' },
    ],
    exportModel: [
      ...destination('exportModel', { model, format: 'json' }),
      { why: 'unknown format', payload: { model, format: 'pickle', folder: ids.folder, fileName: 'x.pkl' }, field: 'format' },
      { why: 'missing model', payload: { format: 'json', folder: ids.folder, fileName: 'x.json' }, field: 'model' },
      { why: 'unknown model kind', payload: { model: { kind: 'url', url: 'http://example.com' }, format: 'json', folder: ids.folder, fileName: 'x.json' }, field: 'model.kind' },
      { why: 'run id as a string', payload: { model: { kind: 'run', runId: String(ids.run) }, format: 'json', folder: ids.folder, fileName: 'x.json' }, field: 'model.runId' },
      { why: 'checkpoint by name', payload: { model: { ...model, checkpointId: 'latest' }, format: 'json', folder: ids.folder, fileName: 'x.json' }, field: 'model.checkpointId' },
      ...badModelIds((modelId) => ({ model: { kind: 'imported', modelId }, format: 'json', folder: ids.folder, fileName: 'x.json' }), 'model.modelId'),
    ],
    exportTemplates: [
      { why: 'missing folder', payload: { model }, field: 'folder' },
      { why: 'relative folder', payload: { model, folder: 'templates' }, field: 'folder' },
      { why: '".." in the folder', payload: { model, folder: `${ids.folder}/../..` }, field: 'folder' },
      { why: 'zoom 0', payload: { model, folder: ids.folder, zoom: 0 }, field: 'zoom' },
      { why: 'zoom 10,000', payload: { model, folder: ids.folder, zoom: 10_000 }, field: 'zoom' },
      { why: 'unknown coloring', payload: { model, folder: ids.folder, coloring: 'rainbow' }, field: 'coloring' },
      { why: 'unknown scaling', payload: { model, folder: ids.folder, scaling: 'log' }, field: 'scaling' },
    ],
    exportMetricsCsv: [
      ...destination('exportMetricsCsv', { runId: ids.run }),
      { why: 'missing run id', payload: { folder: ids.folder, fileName: 'm.csv' }, field: 'runId' },
    ],
    exportPytorchProject: [
      { why: 'missing run id', payload: { folder: ids.folder }, field: 'runId' },
      { why: 'a relative project folder', payload: { runId: ids.run, folder: 'project' }, field: 'folder' },
      { why: 'a project folder through ..', payload: { runId: ids.run, folder: '/tmp/../etc' }, field: 'folder' },
      { why: 'checkpoint id as a string', payload: { runId: ids.run, folder: ids.folder, checkpointId: '1' }, field: 'checkpointId' },
    ],
    importRunMetrics: [
      { why: 'missing content', payload: { fileName: 'metrics.jsonl' }, field: 'content' },
      { why: 'empty file name', payload: { fileName: '', content: '{}' }, field: 'fileName' },
      { why: 'content as a number', payload: { fileName: 'metrics.jsonl', content: 5 }, field: 'content' },
    ],
    listExports: [
      { why: 'missing run id', payload: {}, field: 'runId' },
      { why: 'run id as a string', payload: { runId: `${ids.run}` }, field: 'runId' },
    ],
    importModel: [
      { why: 'missing path', payload: {}, field: 'path' },
      { why: 'relative path', payload: { path: 'model.json' }, field: 'path' },
      { why: '".." in the path', payload: { path: `${ids.folder}/../model.json` }, field: 'path' },
      { why: 'NUL in the path', payload: { path: `${ids.folder}/m\u0000.json` }, field: 'path' },
      { why: 'path as an array', payload: { path: [ids.folder] }, field: 'path' },
    ],
    listModels: [],
    getModel: [...badModelIds((modelId) => ({ modelId }), 'modelId'), { why: 'missing model id', payload: {}, field: 'modelId' }],
    deleteModel: [...badModelIds((modelId) => ({ modelId }), 'modelId'), { why: 'missing model id', payload: {}, field: 'modelId' }],
    loadModel: [
      { why: 'missing model', payload: {}, field: 'model' },
      { why: 'unknown model kind', payload: { model: { kind: 'file', path: '/tmp/a.json' } }, field: 'model.kind' },
    ],
    predict: [
      { why: 'neither images nor paths', payload: { model }, field: 'images' },
      { why: 'both images and paths', payload: { model, images: [goodImage], paths: [`${ids.folder}/a.png`] }, field: 'images' },
      { why: 'no images', payload: { model, images: [] }, field: 'images' },
      { why: `${maxPredictImages + 1} images`, payload: { model, images: Array.from({ length: maxPredictImages + 1 }, () => goodImage) }, field: 'images' },
      { why: 'hostile text as base64', payload: { model, images: [{ name: 'a.png', base64: hostile }] }, field: 'images[0].base64' },
      { why: 'base64 of the wrong length', payload: { model, images: [{ name: 'a.png', base64: 'iVBORw0KGgo' }] }, field: 'images[0].base64' },
      { why: 'base64url instead of base64', payload: { model, images: [{ name: 'a.png', base64: 'iVBO-w0K_go=' }] }, field: 'images[0].base64' },
      { why: 'empty base64', payload: { model, images: [{ name: 'a.png', base64: '' }] }, field: 'images[0].base64' },
      { why: 'base64 as bytes', payload: { model, images: [{ name: 'a.png', base64: [137, 80, 78, 71] }] }, field: 'images[0].base64' },
      { why: 'blank image name', payload: { model, images: [{ name: '  ', base64: goodImage.base64 }] }, field: 'images[0].name' },
      { why: 'hostile image name far too long', payload: { model, images: [{ name: hostile + huge, base64: goodImage.base64 }] }, field: 'images[0].name' },
      { why: 'image with a URL to fetch', payload: { model, images: [{ ...goodImage, url: 'http://example.com/a.png' }] }, field: 'images[0]' },
      { why: 'image as a string', payload: { model, images: [goodImage.base64] }, field: 'images[0]' },
      { why: 'relative image path', payload: { model, paths: ['a.png'] }, field: 'paths[0]' },
      { why: '".." in an image path', payload: { model, paths: [`${ids.folder}/../../etc/passwd`] }, field: 'paths[0]' },
      { why: `${maxPredictPaths + 1} paths`, payload: { model, paths: Array.from({ length: maxPredictPaths + 1 }, (_, i) => `${ids.folder}/${i}.png`) }, field: 'paths' },
      { why: 'missing model', payload: { paths: [`${ids.folder}/a.png`] }, field: 'model' },
      ...badModelIds((modelId) => ({ model: { kind: 'imported', modelId }, paths: [`${ids.folder}/a.png`] }), 'model.modelId'),
    ],
    getStorage: [],
    compactStorage: [
      { why: 'missing job id', payload: {}, field: 'jobId' },
      { why: 'job id with a slash', payload: { jobId: 'a/b' }, field: 'jobId' },
    ],
    getDatasetImages: [
      { why: 'no source', payload: {}, field: 'source' },
      { why: 'unknown source kind', payload: { source: { kind: 'url', path: 'http://example.com' } }, field: 'source.kind' },
      { why: 'dataset id as a string', payload: { source: { kind: 'dataset', id: String(ids.dataset) } }, field: 'source.id' },
      { why: 'empty folder path', payload: { source: { kind: 'folder', path: '' } }, field: 'source.path' },
      { why: 'a relative folder path', payload: { source: { kind: 'folder', path: 'photos' } }, field: 'source.path' },
      { why: 'NUL in the folder path', payload: { source: { kind: 'folder', path: `${ids.folder}\u0000x` } }, field: 'source.path' },
      { why: 'a path on the sample', payload: { source: { kind: 'sample', path: ids.folder } }, field: 'source' },
      { why: 'no images per class', payload: { source: { kind: 'sample' }, perClass: 0 }, field: 'perClass' },
      { why: 'a thousand images per class', payload: { source: { kind: 'sample' }, perClass: 1000 }, field: 'perClass' },
      { why: 'images 10,000 pixels wide', payload: { source: { kind: 'sample' }, options: { width: 10_000 } }, field: 'options.width' },
      { why: 'two channels', payload: { source: { kind: 'sample' }, options: { channels: 2 } }, field: 'options.channels' },
      { why: 'an unknown fit', payload: { source: { kind: 'sample' }, options: { fit: hostile } }, field: 'options.fit' },
    ],
    evaluateRun: [
      { why: 'missing run id', payload: {}, field: 'runId' },
      { why: 'run id as a string', payload: { runId: String(ids.run) }, field: 'runId' },
      { why: 'unknown split', payload: { runId: ids.run, split: 'holdout' }, field: 'split' },
      { why: 'negative checkpoint id', payload: { runId: ids.run, checkpointId: -3 }, field: 'checkpointId' },
    ],
    getEvaluationExamples: [
      { why: 'missing cell', payload: { runId: ids.run }, field: 'label' },
      { why: 'negative class', payload: { runId: ids.run, label: -1, predicted: 0 }, field: 'label' },
      { why: 'fractional class', payload: { runId: ids.run, label: 0, predicted: 0.5 }, field: 'predicted' },
      { why: 'a class beyond the model\'s', payload: { runId: ids.run, label: 0, predicted: 3 }, field: 'predicted' },
      { why: 'ten thousand examples', payload: { runId: ids.run, label: 0, predicted: 0, limit: 10_000 }, field: 'limit' },
    ],
    getImageWarp: [
      { why: 'missing run', payload: {}, field: 'runId' },
      { why: 'a million points', payload: { runId: ids.run, maxPoints: 1_000_000 }, field: 'maxPoints' },
    ],
    changeCourse: [
      ...byId('changeCourse').map((c) => ({ ...c, payload: { ...(c.payload as object), lr: 0.1 } })),
      { why: 'nothing to change', payload: { id: ids.run }, field: 'lr' },
      { why: 'a negative learning rate', payload: { id: ids.run, lr: -0.1 }, field: 'lr' },
      { why: 'λ as a string', payload: { id: ids.run, l2: '0.1' }, field: 'l2' },
    ],
    getCourse: byId('getCourse'),
    rerunRun: byId('rerunRun'),
    getReplayInfo: byId('getReplayInfo'),
    compareReplay: [
      { why: 'missing replay', payload: { original: ids.run }, field: 'replay' },
      { why: 'original as a string', payload: { original: String(ids.run), replay: ids.run }, field: 'original' },
    ],
    startSweep: [
      { why: 'no base run', payload: { axes: [{ param: 'lr', values: [0.1] }, { param: 'l2', values: [0] }] }, field: 'baseRunId' },
      { why: 'one axis only', payload: { baseRunId: ids.run, axes: [{ param: 'lr', values: [0.1] }] }, field: 'axes' },
      { why: 'an unknown setting', payload: { baseRunId: ids.run, axes: [{ param: 'momentum', values: [0.1] }, { param: 'l2', values: [0] }] }, field: 'axes[0].param' },
      { why: 'a fractional batch size', payload: { baseRunId: ids.run, axes: [{ param: 'batchSize', values: [1.5] }, { param: 'l2', values: [0] }] }, field: 'axes[0].values[0]' },
      { why: 'a 100-value axis', payload: { baseRunId: ids.run, axes: [{ param: 'lr', values: Array.from({ length: 100 }, (_, i) => i + 1) }, { param: 'l2', values: [0] }] }, field: 'axes[0].values' },
    ],
    listSweeps: [],
    getSweep: byId('getSweep'),
    cancelSweep: byId('cancelSweep'),
  };
}

/** Shapes that are wrong for every channel. */
const wrongForAll: BadCase[] = [
  { why: 'null', payload: null, field: '' },
  { why: 'a number', payload: 42, field: '' },
  { why: 'a string', payload: hostile, field: '' },
  { why: 'an array', payload: [{}], field: '' },
  { why: 'a hostile extra key', payload: { [hostile]: hostile }, field: '' },
  { why: 'a __proto__ key', payload: JSON.parse('{"__proto__": {"polluted": true}}'), field: '' },
  { why: 'a constructor key', payload: { constructor: { prototype: { polluted: true } } }, field: '' },
];

describe.each<TransportKind>(['ipc', 'web'])('malformed requests over %s', (kind) => {
  let h: Harness;
  let ids: Ids;

  beforeAll(async () => {
    h = await startHarness(kind);
    const root = join(h.folder, 'pets');
    await writeImageFolder(root);
    const imported = await h.api.importFolder({ jobId: 'seed', path: root, options: { width: 8, height: 8 } });
    const experiment = await h.api.createExperiment({ name: 'seeded' });
    const started = await h.api.startRun({ ...toyRun(2), experimentId: experiment.ok ? experiment.value.id : null });
    if (!imported.ok || !experiment.ok || !started.ok) throw new Error('seeding the database failed');
    await waitForEvent(h, 'runFinished', (e) => e.runId === started.value.id);
    await h.lab.training.whenIdle();
    ids = { experiment: experiment.value.id, dataset: imported.value.dataset.id, run: started.value.id, folder: h.folder };
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(invokeNames.map((channel) => [channel]))('%s rejects every malformed payload, names the field and changes nothing', async (channel) => {
    const cases = [...wrongForAll, ...badCases(ids)[channel]];
    const before = databaseSnapshot(h.dbPath);
    const filesBefore = filesUnder(h.folder);
    const eventsBefore = h.events.length;
    for (const bad of cases) {
      const result = await h.invokeRaw(channel, bad.payload);
      if (result.ok) throw new Error(`${channel} accepted ${bad.why}`);
      expect(result.error.code, `${channel}: ${bad.why}`).toBe('invalid-request');
      expect(result.error.message, `${channel}: ${bad.why}`).toMatch(new RegExp(`^Invalid ${channel} request: `));
      if (typeof bad.payload === 'object' && bad.payload !== null && !Array.isArray(bad.payload)) {
        expect(result.error.issues?.map((i) => i.path), `${channel}: ${bad.why}`).toContain(bad.field);
        if (bad.field !== '') expect(result.error.message, `${channel}: ${bad.why}`).toContain(bad.field);
      }
      // the message quotes at most what is needed, never the 100 kB payload
      expect(result.error.message.length, `${channel}: ${bad.why}`).toBeLessThan(2000);
    }
    expect(databaseSnapshot(h.dbPath)).toEqual(before);
    expect(filesUnder(h.folder)).toEqual(filesBefore);
    expect(h.lab.training.snapshot()).toEqual({ training: [], queued: [] });
    expect(h.events.slice(eventsBefore).filter((e) => e.event !== 'menuCommand')).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('predict refuses oversized uploads: by the schema, and past its own body limit by the web server', async () => {
    const before = databaseSnapshot(h.dbPath);
    const filesBefore = filesUnder(h.folder);
    const base64Of = (bytes: number) => 'A'.repeat(Math.ceil(bytes / 3) * 4);
    const oneTooBig = { model: { kind: 'run', runId: ids.run }, images: [{ name: 'big.png', base64: base64Of(maxPredictImageBytes + 3) }] };
    const perImage = maxPredictImageBytes - 3;
    const count = Math.floor(maxPredictTotalBytes / perImage) + 1;
    const tooMuchTogether = { model: { kind: 'run', runId: ids.run }, images: Array.from({ length: count }, (_, i) => ({ name: `${i}.png`, base64: base64Of(perImage) })) };
    for (const [payload, field] of [[oneTooBig, 'images[0].base64'], [tooMuchTogether, 'images']] as const) {
      const result = await h.invokeRaw('predict', payload);
      if (result.ok) throw new Error('predict accepted an oversized upload');
      expect(result.error.code).toBe('invalid-request');
      // Web mode takes predict bodies up to the schema's total, so only the request that is
      // too large in all stops at the server; over IPC the schema answers both.
      if (kind === 'ipc' || payload === oneTooBig) {
        expect(result.error.issues?.map((i) => i.path)).toContain(field);
        expect(result.error.message).toMatch(/MiB/);
      } else {
        expect(result.error.message).toMatch(/^Request body is larger than/);
      }
      expect(result.error.message.length).toBeLessThan(2000);
    }
    expect(databaseSnapshot(h.dbPath)).toEqual(before);
    expect(filesUnder(h.folder)).toEqual(filesBefore);
  });
});

/** Every file and folder under `root`, relative, sorted: proves a rejected call wrote nothing. */
function filesUnder(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).filter((name) => !/^lab\.db-(wal|shm|journal)$/.test(name)).sort();
}
