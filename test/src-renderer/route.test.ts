import { describe, expect, it } from 'vitest';
import { defaultRoute, formatRoute, parseRoute, type Route } from '../../src-renderer/route';

describe('routes in the URL hash', () => {
  it('round-trips every kind of route', () => {
    const routes: Route[] = [
      { view: 'datasets' },
      { view: 'datasets', datasetId: 3 },
      { view: 'new', datasetId: 7 },
      { view: 'runs' },
      { view: 'run', runId: 12 },
      { view: 'compare', runIds: [3, 4] },
      { view: 'sparsity', runIds: [5, 6] },
      { view: 'templates', runId: 9 },
      { view: 'spacewarp' },
      { view: 'imagewarp', runId: 4 },
      { view: 'imagewarp' },
      { view: 'sweeps', sweepId: 2 },
      { view: 'sweeps' },
      { view: 'predict', runId: 2 },
      { view: 'export' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });
  it('falls back to a sensible place for anything malformed', () => {
    expect(parseRoute('')).toEqual(defaultRoute);
    expect(parseRoute('#/nowhere/1')).toEqual(defaultRoute);
    expect(parseRoute('#/run')).toEqual({ view: 'runs' });
    expect(parseRoute('#/run/abc')).toEqual({ view: 'runs' });
    expect(parseRoute('#/run/-4')).toEqual({ view: 'runs' });
    expect(parseRoute('#/compare/1,x')).toEqual({ view: 'compare' });
    expect(parseRoute('#/templates/1.5')).toEqual({ view: 'templates' });
    expect(parseRoute('#/sweeps/0')).toEqual({ view: 'sweeps' });
    expect(formatRoute({ view: 'sweeps', sweepId: 3 })).toBe('#/sweeps/3');
  });
});
