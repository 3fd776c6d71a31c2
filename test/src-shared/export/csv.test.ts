import { describe, expect, it } from 'vitest';
import { metricsCsv } from '../../../src-shared/export/csv';

describe('metrics CSV', () => {
  it('puts one row per step and one column per series, epoch values on their epoch\'s last step', () => {
    const csv = metricsCsv([
      { split: 'val', name: 'loss', epoch: 1, step: 2, value: 0.9 },
      { split: 'batch', name: 'loss', epoch: 1, step: 1, value: 1.5 },
      { split: 'batch', name: 'loss', epoch: 1, step: 2, value: 1.25 },
      { split: 'train', name: 'loss', epoch: 1, step: 2, value: 1.1 },
      { split: 'train', name: 'accuracy', epoch: 1, step: 2, value: 0.5 },
      { split: 'batch', name: 'loss', epoch: 2, step: 3, value: NaN },
    ]);
    expect(csv).toBe([
      'step,epoch,batch.totalLoss,train.accuracy,train.totalLoss,val.totalLoss',
      '1,1,1.5,,,',
      '2,1,1.25,0.5,1.1,0.9',
      '3,2,NaN,,,',
      '',
    ].join('\n'));
  });

  it('names the loss columns by what they hold: data loss, penalty λR(W), total', () => {
    const csv = metricsCsv([
      { split: 'train', name: 'loss', epoch: 1, step: 4, value: 0.7 },
      { split: 'train', name: 'dataLoss', epoch: 1, step: 4, value: 0.5 },
      { split: 'train', name: 'regLoss', epoch: 1, step: 4, value: 0.2 },
    ]);
    expect(csv.split('\n').slice(0, 2)).toEqual(['step,epoch,train.dataLoss,train.penalty,train.totalLoss', '4,1,0.5,0.2,0.7']);
  });

  it('quotes names that hold commas or quotes', () => {
    expect(metricsCsv([{ split: 'train', name: 'a,"b"', epoch: 1, step: 1, value: 2 }]).split('\n')[0]).toBe('step,epoch,"train.a,""b"""');
  });
});
