import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, formatEta, formatHyper, formatNumber, formatPercent, formatRate, formatScientific, formatWhen, plural } from '../../src-renderer/format';

describe('formatNumber', () => {
  it('keeps three significant digits and drops trailing zeros', () => {
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber(1.23456)).toBe('1.23');
    expect(formatNumber(12.3456)).toBe('12.3');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(2)).toBe('2');
  });
  it('separates thousands and switches to scientific form for tiny and huge values', () => {
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(0.0001)).toBe('1e−4');
    expect(formatNumber(0.00025)).toBe('2.5e−4');
    expect(formatNumber(3.2e12)).toBe('3.2e12');
  });
  it('uses a real minus sign and names non-finite values', () => {
    expect(formatNumber(-0.5)).toBe('−0.5');
    expect(formatNumber(-1500)).toBe('−1,500');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('−∞');
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(0)).toBe('0');
  });
});

describe('hyperparameters and counts', () => {
  it('writes powers of ten as 1e−n', () => {
    expect(formatHyper(0.001)).toBe('1e−3');
    expect(formatHyper(1e-4)).toBe('1e−4');
    expect(formatHyper(0.05)).toBe('0.05');
    expect(formatHyper(0.1)).toBe('0.1');
    expect(formatHyper(0)).toBe('0');
    expect(formatScientific(-0.0032, 2)).toBe('−3.2e−3');
  });
  it('counts with separators and plurals', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(undefined)).toBe('–');
    expect(plural(1, 'image')).toBe('1 image');
    expect(plural(2500, 'image')).toBe('2,500 images');
    expect(plural(3, 'class', 'classes')).toBe('3 classes');
  });
  it('formats percentages, bytes and rates', () => {
    expect(formatPercent(0.8767)).toBe('87.7%');
    expect(formatPercent(1, 0)).toBe('100%');
    expect(formatPercent(null)).toBe('–');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MiB');
    expect(formatRate(12345.6)).toBe('12,346 samples/s');
    expect(formatRate(2.5e6)).toBe('2.5 M samples/s');
  });
});

describe('durations', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(0.42)).toBe('0.4 s');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(180)).toBe('3 min');
    expect(formatDuration(7500)).toBe('2 h 05 min');
    expect(formatDuration(-1)).toBe('–');
  });
  it('never says 0 s left', () => {
    expect(formatEta(null)).toBe('estimating…');
    expect(formatEta(0.3)).toBe('almost done');
    expect(formatEta(59.2)).toBe('1 min left');
    expect(formatEta(12.1)).toBe('13 s left');
  });
  it('says when, relative to now', () => {
    const now = Date.UTC(2026, 5, 15, 12);
    expect(formatWhen(now - 10_000, now)).toBe('just now');
    expect(formatWhen(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatWhen(now - 3 * 3600_000, now)).toBe('3 h ago');
    expect(formatWhen(now - 30 * 3600_000, now)).toBe('yesterday');
    expect(formatWhen(Date.UTC(2026, 0, 3, 12), now)).toBe('3 Jan');
    expect(formatWhen(Date.UTC(2024, 0, 3, 12), now)).toBe('3 Jan 2024');
  });
});
