/**
 * Numbers as people read them: thousands separated, a few significant digits, small
 * values like λ = 0.0001 in scientific form, percentages with one decimal, durations in
 * h/min/s. Every view formats through here so the same quantity looks the same everywhere.
 * Pure functions (no DOM), tested in test/src-renderer/format.test.ts.
 */

const dash = '–';
/** One formatter for every call: `toLocaleString` builds a new one each time, and live views format hundreds of numbers a second. */
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Whole numbers with thousands separators: 12345 → "12,345". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return dash;
  return grouped.format(Math.round(n));
}

/**
 * A measured value (loss, weight, rate) with `digits` significant digits. Large values
 * get separators, very small or very large ones scientific notation; NaN/∞ say so.
 */
export function formatNumber(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined) return dash;
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e9 || abs < 1e-3) return formatScientific(x, digits);
  if (abs >= 1000) return grouped.format(Math.round(x)).replace('-', '−');
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  // toFixed after rounding to significant digits, trailing zeros dropped: 0.2500 → 0.25
  const text = Number(x.toPrecision(digits)).toFixed(decimals);
  return trimZeros(text).replace('-', '−');
}

/** 0.0001 → "1e−4", 0.00025 → "2.5e−4", 123456789012 → "1.23e11". */
export function formatScientific(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return formatNumber(x);
  if (x === 0) return '0';
  const [mantissa, exponent] = x.toExponential(Math.max(0, digits - 1)).split('e');
  const exp = Number(exponent);
  return `${trimZeros(mantissa).replace('-', '−')}e${exp < 0 ? '−' : ''}${Math.abs(exp)}`;
}

/** Hyperparameters such as λ and the learning rate: powers of ten read best as 1e−4. */
export function formatHyper(x: number | null | undefined): string {
  if (x === null || x === undefined) return dash;
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs < 0.01 || abs >= 1e5) return formatScientific(x, 3);
  return formatNumber(x, 3);
}

/** A fraction in [0, 1] as a percentage: 0.8765 → "87.7%". */
export function formatPercent(fraction: number | null | undefined, decimals = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return dash;
  return `${(fraction * 100).toFixed(decimals)}%`;
}

/** Seconds as "45 s", "3 min 20 s", "2 h 05 min"; under a second as "0.4 s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return dash;
  if (seconds < 10) return `${Number(seconds.toFixed(1))} s`;
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h === 0) return s === 0 ? `${m} min` : `${m} min ${s} s`;
  return `${h} h ${String(m).padStart(2, '0')} min`;
}

/** Time left, rounded up so the last seconds never read "0 s left". */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return 'estimating…';
  if (seconds < 1) return 'almost done';
  return `${formatDuration(Math.ceil(seconds))} left`;
}

/** Bytes in binary units: 1536 → "1.5 KiB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return dash;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${Number(value.toFixed(value < 10 ? 1 : 0))} ${units[unit]}`;
}

/** Throughput: 12345.6 → "12,346 samples/s", 2.5e6 → "2.5 M samples/s". */
export function formatRate(perSecond: number | null | undefined, unit = 'samples/s'): string {
  if (perSecond === null || perSecond === undefined || !Number.isFinite(perSecond)) return dash;
  if (perSecond >= 1e6) return `${Number((perSecond / 1e6).toFixed(1))} M ${unit}`;
  return `${formatCount(perSecond)} ${unit}`;
}

/** A point in time relative to `now`: "just now", "5 min ago", "yesterday", else the date. */
export function formatWhen(ms: number, now = Date.now()): string {
  const seconds = Math.max(0, (now - ms) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  if (seconds < 2 * 86_400) return 'yesterday';
  const date = new Date(ms);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: date.getFullYear() === new Date(now).getFullYear() ? undefined : 'numeric' });
}

/** "1 image", "2 images". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
