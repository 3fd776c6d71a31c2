/**
 * Form drafts kept by main in the data folder: what one lab saved, the next one (a
 * restart) reads back, per key; a damaged file means no drafts, and is replaced.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formDraftChannels } from '../../../src-main/api/form-drafts';

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'neural-lab-drafts-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('form drafts', () => {
  it('come back after a restart, per dataset', async () => {
    const dir = folder();
    const before = formDraftChannels(dir);
    await before.saveFormDraft({ key: 'dataset:3', draft: { epochs: 7, hidden: [{ units: 64, activation: 'relu', alpha: 0.01 }] } });
    await before.saveFormDraft({ key: 'last', draft: { epochs: 9 } });
    await before.saveFormDraft({ key: 'dataset:3', draft: { epochs: 8 } });

    const after = formDraftChannels(dir); // a new main process reads the file
    expect(await after.getFormDraft({ key: 'dataset:3' })).toEqual({ draft: { epochs: 8 } });
    expect(await after.getFormDraft({ key: 'last' })).toEqual({ draft: { epochs: 9 } });
    expect(await after.getFormDraft({ key: 'toy' })).toEqual({ draft: null });
  });

  it('start over from a damaged file, and replace it on the next save', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'form-drafts.json'), '{"last": {"epochs": 3'); // cut off mid-write
    const channels = formDraftChannels(dir);
    expect(await channels.getFormDraft({ key: 'last' })).toEqual({ draft: null });
    await channels.saveFormDraft({ key: 'toy', draft: { toy: 'xor' } });
    expect(JSON.parse(readFileSync(join(dir, 'form-drafts.json'), 'utf8'))).toEqual({ toy: { toy: 'xor' } });
  });

  it('keep every save when many arrive at once (writes are serialized)', async () => {
    const dir = folder();
    const channels = formDraftChannels(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => channels.saveFormDraft({ key: `dataset:${i + 1}`, draft: { epochs: i + 1 } })));
    const file = JSON.parse(readFileSync(join(dir, 'form-drafts.json'), 'utf8')) as Record<string, { epochs: number }>;
    expect(Object.keys(file)).toHaveLength(20);
    expect(file['dataset:20']).toEqual({ epochs: 20 });
  });
});
