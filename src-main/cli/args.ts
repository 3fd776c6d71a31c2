/**
 * A small typed option parser for the `lab` commands. A command declares its options as
 * a record of specs (name without the leading `--` → how to read its values); parsing
 * returns a typed object. Every mistake (unknown option, bad or missing value, stray
 * argument) becomes a UsageError with a one-line message; lab.ts prints it and exits 2.
 *
 *   --name value   --name=value   --flag   --idx IMAGES.gz LABELS.gz   --   (ends options)
 */

/** Wrong command line: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface OptionSpec<T> {
  /** placeholders of the values the option takes, e.g. ['X'] or ['IMAGES.gz', 'LABELS.gz']; [] for a flag */
  readonly values: readonly string[];
  /** one line for --help (mention the default here) */
  readonly help: string;
  /** Turns the raw values into T; throws UsageError (via `bad`) when they make no sense. */
  parse(values: string[], option: string): T;
}

export type OptionSpecs = Record<string, OptionSpec<unknown>>;

/** Parsed options: each is undefined when not given on the command line. */
export type ParsedOptions<S extends OptionSpecs> = { [K in keyof S]?: S[K] extends OptionSpec<infer T> ? T : never };

export interface ParsedArgs<S extends OptionSpecs> {
  options: ParsedOptions<S>;
  /** arguments that are not options, in order */
  positionals: string[];
  /** --help or -h was given */
  help: boolean;
}

/** A UsageError for a value that does not fit: `--lr expects a positive number, got "abc"`. */
export function bad(option: string, expected: string, got: string): UsageError {
  return new UsageError(`--${option} expects ${expected}, got "${got}"`);
}

export function flag(help: string): OptionSpec<boolean> {
  return { values: [], help, parse: () => true };
}

export function text(placeholder: string, help: string): OptionSpec<string> {
  return {
    values: [placeholder],
    help,
    parse([value], option) {
      if (value === '') throw bad(option, `a ${placeholder}`, value);
      return value;
    },
  };
}

export interface NumberRange {
  /** whole numbers only */
  integer?: boolean;
  min?: number;
  /** the minimum itself is not allowed */
  exclusiveMin?: boolean;
  max?: number;
  /** the maximum itself is not allowed */
  exclusiveMax?: boolean;
}

/** Reads a number within `range`, or throws a UsageError describing the range. */
export function parseNumber(textValue: string, option: string, range: NumberRange = {}): number {
  const value = textValue.trim() === '' ? NaN : Number(textValue);
  const ok = Number.isFinite(value)
    && (!range.integer || Number.isInteger(value))
    && (range.min === undefined || (range.exclusiveMin ? value > range.min : value >= range.min))
    && (range.max === undefined || (range.exclusiveMax ? value < range.max : value <= range.max));
  if (!ok) throw bad(option, describeRange(range), textValue);
  return value;
}

export function number(placeholder: string, help: string, range: NumberRange = {}): OptionSpec<number> {
  return { values: [placeholder], help, parse: ([value], option) => parseNumber(value, option, range) };
}

export function choice<const C extends string>(choices: readonly C[], help: string): OptionSpec<C> {
  return {
    values: [choices.join('|')],
    help,
    parse([value], option) {
      if (!(choices as readonly string[]).includes(value)) throw bad(option, `one of ${choices.join(', ')}`, value);
      return value as C;
    },
  };
}

/** An option whose values need their own reading (`--model mlp:100,50`, `--idx A B`). */
export function custom<T>(values: readonly string[], help: string, parse: (values: string[], option: string) => T): OptionSpec<T> {
  return { values, help, parse };
}

export function parseArgs<S extends OptionSpecs>(argv: readonly string[], specs: S, command: string): ParsedArgs<S> {
  const options: Record<string, unknown> = {};
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      // a lone "-x" is an option typo, not an argument (negative numbers only appear as values)
      if (/^-[a-zA-Z]/.test(arg)) throw unknownOption(arg, specs, command);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) throw unknownOption(`--${name}`, specs, command);
    if (Object.hasOwn(options, name)) throw new UsageError(`--${name} is given more than once`);

    let values: string[];
    if (eq !== -1) {
      if (spec.values.length !== 1) {
        throw new UsageError(spec.values.length === 0 ? `--${name} takes no value` : `--${name} needs ${spec.values.length} values: --${name} ${spec.values.join(' ')}`);
      }
      values = [arg.slice(eq + 1)];
    } else {
      values = argv.slice(i + 1, i + 1 + spec.values.length);
      const missing = values.length < spec.values.length || values.some((v) => v.startsWith('--'));
      if (missing) {
        throw new UsageError(spec.values.length === 1
          ? `--${name} needs a value (${spec.values[0]})`
          : `--${name} needs ${spec.values.length} values: --${name} ${spec.values.join(' ')}`);
      }
      i += spec.values.length;
    }
    options[name] = spec.parse(values, name);
  }
  return { options: options as ParsedOptions<S>, positionals, help };
}

/** Help text: a usage line, then each section's options with their help. */
export function formatHelp(usage: string, sections: readonly { title: string; specs: OptionSpecs }[]): string {
  const lines = [`usage: ${usage}`];
  for (const { title, specs } of sections) {
    lines.push('', `${title}:`);
    const entries = Object.entries(specs).map(([name, spec]) => [`--${name}${spec.values.map((v) => ` ${v}`).join('')}`, spec.help]);
    const width = Math.min(34, Math.max(...entries.map(([left]) => left.length)));
    for (const [left, helpText] of entries) {
      lines.push(left.length > width ? `  ${left}\n  ${' '.repeat(width)}  ${helpText}` : `  ${left.padEnd(width)}  ${helpText}`);
    }
  }
  return lines.join('\n');
}

function unknownOption(option: string, specs: OptionSpecs, command: string): UsageError {
  const name = option.replace(/^-+/, '');
  const closest = Object.keys(specs)
    .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
    .sort((a, b) => a.distance - b.distance)[0];
  const hint = closest && closest.distance <= Math.min(2, Math.floor(name.length / 3)) ? ` (did you mean --${closest.candidate}?)` : '';
  return new UsageError(`unknown option ${option} for "${command}"${hint}; see lab ${command} --help`);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function describeRange(range: NumberRange): string {
  const kind = range.integer ? 'a whole number' : 'a number';
  const bounds: string[] = [];
  if (range.min !== undefined) bounds.push(`${range.exclusiveMin ? '>' : '≥'} ${range.min}`);
  if (range.max !== undefined) bounds.push(`${range.exclusiveMax ? '<' : '≤'} ${range.max}`);
  return bounds.length ? `${kind} ${bounds.join(' and ')}` : kind;
}
