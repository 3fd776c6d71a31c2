/**
 * src-main's layering is enforced by `npm run lint` (eslint.config.js, mainLayers): the
 * fixtures are linted with the project's own ESLint config as if they sat in src-main.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '../..');
const fixtures = join(import.meta.dirname, 'fixtures/layers');

async function lintAs(fixture: string, filePath: string): Promise<{ errors: number; messages: string[] }> {
  const eslint = new ESLint({ cwd: repo });
  const [result] = await eslint.lintText(readFileSync(join(fixtures, fixture), 'utf8'), { filePath: join(repo, filePath) });
  const restricted = result.messages.filter((m) => m.ruleId === 'no-restricted-imports');
  return { errors: result.errorCount, messages: restricted.map((m) => m.message) };
}

describe('src-main layers (lint)', () => {
  it('fails an upward import: the store importing training', async () => {
    const { errors, messages } = await lintAs('upward-import.txt', 'src-main/store/upward-import.ts');
    expect(errors).toBe(1);
    expect(messages).toEqual([expect.stringContaining('src-main/store may import only lower layers')]);
  });

  it('fails a deep import past a folder\'s index.ts, even into a lower layer', async () => {
    const { errors, messages } = await lintAs('deep-import.txt', 'src-main/api/deep-import.ts');
    expect(errors).toBe(1);
    expect(messages).toEqual([expect.stringContaining('through its index.ts')]);
  });

  it('fails an import between folders of one layer, from a nested file', async () => {
    const { errors, messages } = await lintAs('sibling-import.txt', 'src-main/cli/commands/sibling-import.ts');
    expect(errors).toBe(1);
    expect(messages).toEqual([expect.stringContaining('src-main/cli may import only lower layers')]);
  });

  it('passes downward imports through an index, and src-shared modules named like a layer', async () => {
    expect(await lintAs('downward-import.txt', 'src-main/cli/commands/downward-import.ts')).toEqual({ errors: 0, messages: [] });
  });
}, 60_000);
