/**
 * Colours that SVG charts and canvases need as values (they cannot read CSS variables
 * from attributes). Follows the system's light/dark setting, like styles/app.css.
 */

import { useSyncExternalStore } from 'react';

export type ColorScheme = 'light' | 'dark';

let darkQuery: MediaQueryList | null = null;

/** One query for the page: every chart reads it on every render, and `matchMedia` parses its text each call. */
function systemDark(): MediaQueryList {
  darkQuery ??= window.matchMedia('(prefers-color-scheme: dark)');
  return darkQuery;
}

function subscribe(onChange: () => void): () => void {
  const query = systemDark();
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, () => (systemDark().matches ? 'dark' : 'light'));
}

export interface ChartPalette {
  /** distinct series colours, in order */
  series: string[];
  grid: string;
  axis: string;
  text: string;
  tooltipBg: string;
  tooltipBorder: string;
  /** L1 and L2 twins, always the same two colours */
  l1: string;
  l2: string;
  /** diverging map for signed values: negative, zero, positive */
  negative: [number, number, number];
  zero: [number, number, number];
  positive: [number, number, number];
}

const light: ChartPalette = {
  series: ['#2f6fde', '#e0672a', '#1e9a5a', '#9b4dd6', '#d23f73', '#0f9aa8', '#8a6d1c', '#5c6b80'],
  grid: '#e3e7ec',
  axis: '#9aa3b0',
  text: '#556070',
  tooltipBg: '#ffffff',
  tooltipBorder: '#d9dde3',
  l1: '#e0672a',
  l2: '#2f6fde',
  negative: [33, 102, 172],
  zero: [247, 247, 247],
  positive: [178, 24, 43],
};

const dark: ChartPalette = {
  series: ['#5b93f0', '#f08a50', '#4cc583', '#b87cf0', '#f06b98', '#3cc4d0', '#d2b250', '#96a3b5'],
  grid: '#2c323c',
  axis: '#5f6977',
  text: '#a6afbc',
  tooltipBg: '#1d2128',
  tooltipBorder: '#2f353f',
  l1: '#f08a50',
  l2: '#5b93f0',
  negative: [67, 147, 195],
  zero: [30, 33, 40],
  positive: [214, 96, 77],
};

export function chartPalette(scheme: ColorScheme): ChartPalette {
  return scheme === 'dark' ? dark : light;
}

export function usePalette(): ChartPalette {
  return chartPalette(useColorScheme());
}
