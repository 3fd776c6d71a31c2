/**
 * The confusion matrix of a run on its validation split (or test/train): rows are the
 * true classes, columns what the model said. Clicking a cell shows its samples, the most
 * confident mistakes first, each with its probabilities.
 */

import { useMemo, useState } from 'react';
import { useApi } from '../../state/api';
import { useApiValue } from '../../state/hooks';
import type { ResponseOf } from '../../../src-shared/api/contract';
import type { Run } from '../../state/types';
import { PixelCanvas } from '../../components/PixelCanvas';
import { base64Bytes } from '../../pixels';
import { formatCount, formatNumber, formatPercent, plural } from '../../format';
import { useColorScheme } from '../../theme';

type Split = 'val' | 'test' | 'train';
type Evaluation = ResponseOf<'evaluateRun'>;

const splitNames: Record<Split, string> = { val: 'validation', test: 'test', train: 'training' };

/** Background of a cell: how much of its row falls there; the diagonal in green, mistakes in red. */
function cellColor(fraction: number, diagonal: boolean, dark: boolean): string {
  const alpha = fraction === 0 ? 0 : 0.08 + 0.85 * Math.sqrt(fraction);
  const rgb = diagonal ? (dark ? '76, 197, 131' : '30, 138, 76') : dark ? '239, 107, 107' : '201, 59, 59';
  return `rgba(${rgb}, ${alpha.toFixed(3)})`;
}

export function ConfusionPanel({ run }: { run: Run }) {
  const api = useApi();
  const dark = useColorScheme() === 'dark';
  const splits: Split[] = (['val', 'test', 'train'] as const).filter((s) => s === 'train' || run.split[s] > 0);
  const [split, setSplit] = useState<Split>(splits[0]);
  const [cell, setCell] = useState<{ label: number; predicted: number } | null>(null);
  const hasWeights = run.epochsDone > 0 && run.status !== 'queued';
  // a finished epoch brings a new checkpoint: evaluate it (at most once per epoch)
  const evaluation = useApiValue(hasWeights ? () => api.evaluateRun({ runId: run.id, split }) : null, `eval-${run.id}-${split}`, run.epochsDone);
  const e = evaluation.data;

  return (
    <div className="panel" data-testid="confusion">
      <div className="panel-head">
        <h2>Confusion matrix</h2>
        {e && (
          <span className="small muted num">
            {formatPercent(e.accuracy)} of {plural(e.count, 'sample')} right · epoch {e.epoch}
          </span>
        )}
        {evaluation.loading && <span className="small faint">evaluating…</span>}
        <select className="select" value={split} onChange={(ev) => (setSplit(ev.target.value as Split), setCell(null))} aria-label="Split">
          {splits.map((s) => (
            <option key={s} value={s}>
              {splitNames[s]} split
            </option>
          ))}
        </select>
      </div>
      <div className="panel-body">
        {!hasWeights && <p className="muted">The matrix appears after the first epoch, from the run's saved weights.</p>}
        {evaluation.error && <div className="notice error">{evaluation.error}</div>}
        {e && e.count === 0 && <p className="muted">The {splitNames[split]} split of this run is empty.</p>}
        {e && e.count > 0 && (
          <div className="row" style={{ alignItems: 'flex-start', gap: 20, flexWrap: 'wrap' }}>
            <div className="table-wrap" style={{ maxWidth: '100%' }}>
              <Matrix evaluation={e} dark={dark} selected={cell} onSelect={setCell} />
            </div>
            <div style={{ flex: 1, minWidth: 260 }}>
              {cell ? (
                <CellExamples run={run} split={split} evaluation={e} cell={cell} />
              ) : (
                <p className="muted small" style={{ maxWidth: 360 }}>
                  Rows are the true classes, columns the model's answers; the diagonal is right. Click a cell to see its images with the probabilities the
                  model gave them.
                </p>
              )}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

function Matrix({ evaluation, dark, selected, onSelect }: { evaluation: Evaluation; dark: boolean; selected: { label: number; predicted: number } | null; onSelect: (cell: { label: number; predicted: number }) => void }) {
  const { classNames, matrix } = evaluation;
  const rowTotals = useMemo(() => matrix.map((row) => row.reduce((a, b) => a + b, 0)), [matrix]);
  return (
    <table className="confusion" data-testid="confusion-matrix">
      <thead>
        <tr>
          <th className="small faint" style={{ textAlign: 'right' }}>
            true ↓ · said →
          </th>
          {classNames.map((name) => (
            <th key={name} className="rot" title={name}>
              <div>{name}</div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.map((row, i) => (
          <tr key={classNames[i]}>
            <th style={{ textAlign: 'right' }} title={classNames[i]}>
              <span className="ellipsis" style={{ display: 'inline-block', maxWidth: 110, verticalAlign: 'middle' }}>
                {classNames[i]}
              </span>
            </th>
            {row.map((count, j) => {
              const fraction = rowTotals[i] > 0 ? count / rowTotals[i] : 0;
              const isSelected = selected?.label === i && selected.predicted === j;
              return (
                <td
                  key={j}
                  className={isSelected ? 'sel' : ''}
                  style={{ background: cellColor(fraction, i === j, dark), color: fraction > 0.55 ? '#fff' : undefined }}
                  title={`${classNames[i]} said to be ${classNames[j]}: ${count} (${formatPercent(fraction)} of ${classNames[i]})`}
                  onClick={() => onSelect({ label: i, predicted: j })}
                  data-cell={`${i},${j}`}
                  tabIndex={0}
                  onKeyDown={(ev) => (ev.key === 'Enter' || ev.key === ' ') && onSelect({ label: i, predicted: j })}
                >
                  {formatCount(count)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CellExamples({ run, split, evaluation, cell }: { run: Run; split: Split; evaluation: Evaluation; cell: { label: number; predicted: number } }) {
  const api = useApi();
  const examples = useApiValue(
    () => api.getEvaluationExamples({ runId: run.id, checkpointId: evaluation.checkpointId, split, label: cell.label, predicted: cell.predicted, limit: 24 }),
    `cell-${run.id}-${evaluation.checkpointId}-${split}-${cell.label}-${cell.predicted}`,
  );
  const names = evaluation.classNames;
  const right = cell.label === cell.predicted;
  const input = evaluation.input;
  return (
    <div className="stack" data-testid="cell-examples">
      <h3>
        {right ? `${names[cell.label]}, recognized` : `${names[cell.label]} taken for ${names[cell.predicted]}`}
        <span className="muted small" style={{ fontWeight: 400 }}>
          {' '}
          · {examples.data ? plural(examples.data.total, 'sample') : '…'}
        </span>
      </h3>
      {examples.error && <div className="notice error">{examples.error}</div>}
      {examples.data && examples.data.total === 0 && <p className="muted small">No sample falls in this cell.</p>}
      <div className="thumb-strip" style={{ maxHeight: 340, overflowY: 'auto' }}>
        {examples.data?.examples.map((example) => {
          const pSaid = example.probabilities[cell.predicted];
          const pTrue = example.probabilities[cell.label];
          return (
            <div key={example.row} className="thumb" style={{ width: 92 }} title={example.source ?? `sample ${example.row}`} data-testid="cell-example">
              {input.kind === 'image' && example.pixels ? (
                <PixelCanvas pixels={base64Bytes(example.pixels)} width={input.width} height={input.height} channels={input.channels} size={64} title={example.source ?? undefined} />
              ) : (
                <span className="mono small">({example.values?.map((v) => formatNumber(v, 2)).join(', ')})</span>
              )}
              <span className="num ellipsis" style={{ maxWidth: 92 }} title={`${names[cell.predicted]}: ${formatPercent(pSaid)}`}>
                {formatPercent(pSaid, 0)} {names[cell.predicted]}
              </span>
              {!right && (
                <span className="num faint ellipsis" style={{ maxWidth: 92 }} title={`${names[cell.label]}: ${formatPercent(pTrue)}`}>
                  {formatPercent(pTrue, 0)} {names[cell.label]}
                </span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
