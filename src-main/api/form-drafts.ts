/**
 * Form drafts: the new-experiment form as the user last left it, per dataset, kept in
 * `<dataDir>/form-drafts.json` beside the database so it survives reloads and restarts
 * (the renderer's own storage would not follow the data folder, and web mode's origin
 * changes with its port). Writes are serialised and atomic (temporary file, then rename):
 * a crash mid-write leaves the previous drafts, never half a file.
 */

import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedRequestOf, ResponseOf } from '../../src-shared/api/contract';
import { ApiFailure } from './router';

type Draft = ParsedRequestOf<'saveFormDraft'>['draft'];

/** Drafts kept: `last`, `toy` and the most recently saved datasets. */
const maxDrafts = 64;

export function formDraftChannels(dataDir: string) {
  const path = join(dataDir, 'form-drafts.json');
  let drafts: Promise<Map<string, Draft>> | null = null;
  let writing: Promise<void> = Promise.resolve();

  /** The drafts file, read once; a missing or unreadable file is no drafts (they are a convenience, not data). */
  function load(): Promise<Map<string, Draft>> {
    drafts ??= readFile(path, 'utf8').then(
      (text) => {
        try {
          const parsed: unknown = JSON.parse(text);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return new Map(Object.entries(parsed as Record<string, Draft>));
        } catch {
          // damaged: start over; the next save replaces it
        }
        return new Map();
      },
      () => new Map(),
    );
    return drafts;
  }

  return {
    getFormDraft: async (request: ParsedRequestOf<'getFormDraft'>): Promise<ResponseOf<'getFormDraft'>> => ({ draft: (await load()).get(request.key) ?? null }),

    saveFormDraft: async (request: ParsedRequestOf<'saveFormDraft'>): Promise<ResponseOf<'saveFormDraft'>> => {
      const all = await load();
      all.delete(request.key); // most recently saved last
      all.set(request.key, request.draft);
      while (all.size > maxDrafts) all.delete(all.keys().next().value!);
      const text = JSON.stringify(Object.fromEntries(all));
      const write = writing.then(async () => {
        const temporary = `${path}.${process.pid}.tmp`;
        await writeFile(temporary, text);
        await rename(temporary, path);
      });
      writing = write.catch(() => undefined);
      try {
        await write;
      } catch (error) {
        throw new ApiFailure('failed', `cannot save the form draft to ${path}: ${(error as Error).message}`);
      }
      return { saved: true };
    },
  };
}
