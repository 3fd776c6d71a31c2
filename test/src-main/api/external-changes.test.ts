/**
 * Another process writing the lab's database (the CLI records its runs there) is noticed:
 * main emits labChanged within half a second, and only then (its own writes do not count).
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStore } from '../../../src-main/store';
import { startHarness, waitForEvent, type Harness } from './harness';

describe('changes made by another process', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('web');
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('are announced within a second, the app’s own writes are not', async () => {
    // the app's own write: no labChanged
    const own = await h.api.createExperiment({ name: 'mine' });
    expect(own.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1200));
    expect(h.events.filter((e) => e.event === 'labChanged')).toEqual([]);

    // a second connection, as `lab train --db` opens one
    const other = new LabStore(h.dbPath);
    const since = h.events.length;
    const written = Date.now();
    try {
      other.createDataset({ name: 'from the CLI', source: 'folder', options: { path: '/somewhere' } });
    } finally {
      other.close();
    }
    const event = await waitForEvent(h, 'labChanged', () => true, 5_000, since);
    expect(event.at - written).toBeLessThan(1_000);
    const listed = await h.api.listDatasets();
    expect(listed.ok && listed.value.datasets.map((d) => d.name)).toContain('from the CLI');
  });
});
