/**
 * Renames British spellings to American ones in the code (issue 12: one spelling across
 * identifiers, API fields, stored JSON keys and file formats, American as the API already uses).
 *
 *   npx tsx scripts/american-spelling.ts            rewrite the tracked TypeScript/JavaScript files
 *   npx tsx scripts/american-spelling.ts --check    list what it would change, exit 1 if anything
 *
 * It parses each file with the TypeScript compiler and rewrites only code: identifiers, string
 * and template literals, regular expressions and JSX text. Comments keep their wording (prose may
 * be British or not), except `code spans` in them, which name identifiers. A line that mentions
 * `spelling: keep` is left alone: it reads or writes the old British keys on purpose (the one
 * place that still accepts files written before the rename, or a test of it). Migrations are
 * history (src-main/store/migrations.ts: never edit one that has shipped) and are skipped whole.
 * The rewrite is idempotent, so after a merge conflict take the other side's file and run it again.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

type Rule = readonly [pattern: RegExp, replace: (match: string) => string];

/**
 * `american` written in the case of `british`: "colour" → "color", "Colour" → "Color",
 * "COLOUR" → "COLOR". A match in mixed case ("normalIsEmpty") is no British word: unchanged.
 */
function sameCase(british: string, american: string): string {
  const rest = british.slice(1);
  if (british.length > 1 && british === british.toUpperCase()) return american.toUpperCase();
  if (rest !== rest.toLowerCase()) return british;
  return british[0] === british[0]!.toUpperCase() ? american[0]!.toUpperCase() + american.slice(1) : american;
}

const word = (pattern: string, american: (lower: string) => string): Rule =>
  [new RegExp(pattern, 'gi'), (m) => sameCase(m, american(m.toLowerCase()))];

const IZE_STEMS = [
  'normal', 'optim', 'regular', 'initial', 'serial', 'visual', 'standard', 'summar', 'recogn', 'vector',
  'synchron', 'maxim', 'minim', 'organ', 'custom', 'random', 'final', 'categor', 'token', 'quant', 'util',
  'special', 'general', 'memor', 'stabil', 'equal', 'local', 'penal', 'sanit', 'emphas', 'real', 'author',
  'priorit', 'capital', 'critic', 'parameter', 'diagonal', 'linear', 'neutral', 'rational', 'polar',
];
const OUR_STEMS = ['behavi', 'neighb', 'fav', 'flav', 'hon', 'hum', 'rum', 'vap', 'arm', 'endeav', 'sav', 'harb', 'col'];
const DOUBLE_L_STEMS = ['label', 'model', 'travel', 'signal', 'channel', 'tunnel', 'level', 'total', 'fuel', 'jewel', 'counsel', 'dial', 'marvel'];

const RULES: readonly Rule[] = [
  // normalise, normalisation, Optimiser, REGULARISED (not "optimistic", "analysis")
  word(`(?:${IZE_STEMS.join('|')})is(?=e|ing|ation|ab)`, (m) => m.replace(/is$/, 'iz')),
  // analyse, analysed, analyser (not "analyses", which may be the plural of "analysis")
  word('analys(?=e(?:d|rs?)?(?![a-z])|ing)', () => 'analyz'),
  // colour, behaviour, neighbour, flavour, favourite
  word(`(?:${OUR_STEMS.join('|')})our`, (m) => m.replace(/our$/, 'or')),
  word('grey', () => 'gray'),
  // centre, centres, centred, centring
  word('centr(?:ed|ing)', (m) => (m.endsWith('ed') ? 'centered' : 'centering')),
  word('centre', () => 'center'),
  word('licence', () => 'license'),
  word('defence', () => 'defense'),
  word('offence', () => 'offense'),
  word('(?:catal|dial|anal)ogue', (m) => m.replace(/ue$/, '')),
  word('judgement', () => 'judgment'),
  word('artefact', () => 'artifact'),
  // labelled, modelling (lower-case "ll" only, so "modelLoad" and "totalLoss" stay)
  [new RegExp(`(?:${DOUBLE_L_STEMS.join('|')})l(?=ed|ing|er)`, 'gi'), (m) => sameCase(m, m.toLowerCase().slice(0, -1))],
];

/** The text with every rule applied. */
export function americanize(text: string): string {
  return RULES.reduce((out, [pattern, replace]) => out.replace(pattern, replace), text);
}

const KEEP = 'spelling: keep';

export interface Edit { start: number; end: number; text: string }

/** The rewrites of one file's code (last first, so applying them in order keeps offsets valid). */
export function editsOf(path: string, source: string): Edit[] {
  const kind = /\.tsx$/.test(path) ? ts.ScriptKind.TSX : /\.jsx?$|\.mjs$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, kind);
  const keptLines = new Set<number>();
  source.split('\n').forEach((line, i) => { if (line.includes(KEEP)) keptLines.add(i); });
  const kept = (pos: number) => keptLines.has(file.getLineAndCharacterOfPosition(pos).line);
  const edits: Edit[] = [];
  const rewrite = (start: number, end: number, fix: (text: string) => string) => {
    if (kept(start)) return;
    const before = source.slice(start, end);
    const after = fix(before);
    if (after !== before) edits.push({ start, end, text: after });
  };
  const codeSpans = (text: string) => text.replace(/`[^`\n]+`/g, americanize);
  const seenComments = new Set<number>();
  const comments = (pos: number) => {
    for (const range of [...(ts.getLeadingCommentRanges(source, pos) ?? []), ...(ts.getTrailingCommentRanges(source, pos) ?? [])]) {
      if (seenComments.has(range.pos)) continue;
      seenComments.add(range.pos);
      rewrite(range.pos, range.end, codeSpans);
    }
  };
  const visit = (node: ts.Node): void => {
    comments(node.getFullStart());
    comments(node.end);
    if (
      ts.isIdentifier(node) || ts.isPrivateIdentifier(node) || ts.isStringLiteral(node) || ts.isRegularExpressionLiteral(node)
      || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)
      || ts.isJsxText(node)
    ) {
      rewrite(node.getStart(file), node.end, americanize);
      return;
    }
    node.forEachChild(visit);
  };
  visit(file);
  return edits.sort((a, b) => b.start - a.start);
}

/** `source` with `edits` applied. */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  return edits.reduce((out, edit) => out.slice(0, edit.start) + edit.text + out.slice(edit.end), source);
}

/** The files it rewrites: tracked TypeScript and JavaScript, minus itself, migrations and generated code. */
export function trackedFiles(cwd = process.cwd()): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.tsx', '*.js', '*.mjs'], { cwd, encoding: 'utf8' });
  const skipped = new Set(['scripts/american-spelling.ts', 'src-main/store/migrations.ts']);
  return out.split('\0').filter((path) => path && !skipped.has(path) && !path.endsWith('.generated.ts'));
}

function main(): void {
  const check = process.argv.includes('--check');
  let changed = 0;
  for (const path of trackedFiles()) {
    const source = readFileSync(path, 'utf8');
    const edits = editsOf(path, source);
    if (edits.length === 0) continue;
    changed += 1;
    if (check) {
      for (const edit of [...edits].reverse()) console.log(`${path}: ${source.slice(edit.start, edit.end).slice(0, 100)} → ${edit.text.slice(0, 100)}`);
      continue;
    }
    writeFileSync(path, applyEdits(source, edits));
  }
  console.log(`${changed} file(s) ${check ? 'would change' : 'changed'}`);
  if (check && changed > 0) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
