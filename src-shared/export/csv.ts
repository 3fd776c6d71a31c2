/**
 * A run's metrics as CSV for spreadsheets: one row per step that has any value, one
 * column per series (`train.dataLoss`, `val.accuracy`, `batch.dataLoss`, …), empty where a
 * series has no value at that step. Epoch metrics sit on the step that ended their epoch.
 * The loss columns say what they hold, as the app's labels do: `dataLoss`, `penalty`
 * (λR(W)) and `totalLoss` (their sum; the store calls these series dataLoss, regLoss, loss).
 *
 *   step,epoch,batch.dataLoss,train.dataLoss,val.dataLoss
 *   1,1,2.301,,
 *   …
 *   50,1,0.812,0.79,0.83
 */

export interface MetricValue {
  split: string;
  name: string;
  epoch: number;
  step: number;
  /** NaN and ±Infinity are written as NaN, Infinity, -Infinity */
  value: number;
}

const SPLIT_ORDER = ['batch', 'train', 'val', 'test'];

/** Column names of the stored loss series whose own names do not say what they hold. */
const COLUMN_NAMES: Record<string, string> = { loss: 'totalLoss', regLoss: 'penalty' };

function columnOf(v: MetricValue): string {
  return `${v.split}.${COLUMN_NAMES[v.name] ?? v.name}`;
}

export function metricsCsv(values: readonly MetricValue[]): string {
  const columns = [...new Set(values.map(columnOf))].sort((a, b) => {
    const [sa, na] = splitKey(a);
    const [sb, nb] = splitKey(b);
    return sa - sb || na.localeCompare(nb);
  });
  const rows = new Map<number, { epoch: number; cells: Map<string, number> }>();
  for (const v of values) {
    let row = rows.get(v.step);
    if (!row) {
      row = { epoch: v.epoch, cells: new Map() };
      rows.set(v.step, row);
    }
    row.cells.set(columnOf(v), v.value);
  }
  const lines = [['step', 'epoch', ...columns].map(csvField).join(',')];
  for (const step of [...rows.keys()].sort((a, b) => a - b)) {
    const row = rows.get(step)!;
    lines.push([String(step), String(row.epoch), ...columns.map((c) => (row.cells.has(c) ? String(row.cells.get(c)) : ''))].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function splitKey(column: string): [number, string] {
  const dot = column.indexOf('.');
  const split = SPLIT_ORDER.indexOf(column.slice(0, dot));
  return [split === -1 ? SPLIT_ORDER.length : split, column.slice(dot + 1)];
}

/** Quotes a field that holds a comma, quote or line break (RFC 4180). */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
