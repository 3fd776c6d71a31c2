/**
 * Malformed payloads on every invoke channel, over both transports, against the real
 * services: each gets an `invalid-request` error naming the field, and nothing changes —
 * not one row in any table of the database, no import job, no training worker.
 * The table below is keyed by channel name with the contract's own type, so a new channel
 * does not compile until it has its bad cases.
 */

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeNames, type InvokeName } from '../../../src-shared/api/channels';
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
}

const hostile = '<img src=x onerror=alert(1)>\'; DROP TABLE runs; --';
const huge = 'x'.repeat(100_000);

function badCases(ids: Ids): Record<InvokeName, BadCase[]> {
  const run = toyRun(2);
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
      { why: 'half a regulariser pair', payload: { ...run, regularizers: [{ kind: 'l1' }] }, field: 'regularizers' },
      { why: 'unknown regulariser', payload: { ...run, regularizers: [{ kind: 'l3', l1: 0, l2: 0, proximal: false }, { kind: 'l2', l1: 0, l2: 1e-3, proximal: false }] }, field: 'regularizers[0].kind' },
      { why: 'infinite-looking λ', payload: { ...run, regularizers: [{ kind: 'l1', l1: 1e300, l2: 0, proximal: true }, { kind: 'l2', l1: 0, l2: 1e-3, proximal: false }] }, field: 'regularizers[0].l1' },
    ],
    pauseRun: byId('pauseRun'),
    resumeRun: byId('resumeRun'),
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
    ids = { experiment: experiment.value.id, dataset: imported.value.dataset.id, run: started.value.id };
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(invokeNames.map((channel) => [channel]))('%s rejects every malformed payload, names the field and changes nothing', async (channel) => {
    const cases = [...wrongForAll, ...badCases(ids)[channel]];
    const before = databaseSnapshot(h.dbPath);
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
    expect(h.lab.training.snapshot()).toEqual({ training: [], queued: [] });
    expect(h.events.slice(eventsBefore).filter((e) => e.event !== 'menuCommand')).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
