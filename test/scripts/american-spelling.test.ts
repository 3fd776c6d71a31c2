/**
 * The spelling rewrite (scripts/american-spelling.ts; issue 12: one spelling, American, as
 * the API uses): its rules, what it touches, and that the code holds nothing it would change,
 * so a British name that comes back (a merge, a new file) is caught here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { americanize, applyEdits, editsOf, trackedFiles } from '../../scripts/american-spelling';

const repo = join(import.meta.dirname, '../..');

describe('american-spelling', () => {
  it('renames British spellings in the case they are written, and leaves look-alikes alone', () => {
    const british = 'normalisation Normaliser fitNormalisation REGULARISED colourAt Grey centred centres SimdFlavour labelled analysed'; // spelling: keep
    expect(americanize(british)).toBe('normalization Normalizer fitNormalization REGULARIZED colorAt Gray centered centers SimdFlavor labeled analyzed');
    const alike = 'optimistic analysis analyses modelLoad totalLoss normalIsEmpty otherwise noise hour cancelled';
    expect(americanize(alike)).toBe(alike);
  });

  it('rewrites code and code spans, not the prose of comments nor a line marked to keep', () => {
    const source = [
      '// the normalisation of `normalisation`', // spelling: keep
      "const normalisation = { colour: /grey/, label: `Centre ${1}` };", // spelling: keep
      "const old = 'normalisation'; // spelling: keep", // spelling: keep
      'const view = <p>Colour</p>;', // spelling: keep
    ].join('\n');
    expect(applyEdits(source, editsOf('example.tsx', source)).split('\n')).toEqual([
      '// the normalisation of `normalization`', // spelling: keep
      'const normalization = { color: /gray/, label: `Center ${1}` };',
      "const old = 'normalisation'; // spelling: keep", // spelling: keep
      'const view = <p>Color</p>;',
    ]);
  });

  it('finds nothing left to rename in the repository (run `npx tsx scripts/american-spelling.ts` if it does)', () => {
    const left = trackedFiles(repo).filter((path) => editsOf(path, readFileSync(join(repo, path), 'utf8')).length > 0);
    expect(left).toEqual([]);
  });
});
