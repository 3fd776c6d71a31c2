import { describe, expect, it } from 'vitest';
import { choice, custom, flag, formatHelp, number, parseArgs, text, UsageError } from '../../../src-main/cli/args';
import { buildConfig, parseActivations, parseModel, parseRegularizer, parseSchedule } from '../../../src-main/cli/train-options';

const specs = {
  lr: number('X', 'learning rate', { min: 0, exclusiveMin: true }),
  epochs: number('N', 'epochs', { integer: true, min: 1 }),
  opt: choice(['sgd', 'adam'] as const, 'optimizer'),
  json: flag('json output'),
  name: text('NAME', 'a name'),
  idx: custom(['IMAGES', 'LABELS'], 'two files', (v) => ({ images: v[0], labels: v[1] })),
};

function usageError(argv: string[]): string {
  try {
    parseArgs(argv, specs, 'demo');
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('option parser', () => {
  it('reads typed values in both spellings, flags, multi-value options and positionals', () => {
    const { options, positionals, help } = parseArgs(
      ['--lr', '0.5', '--epochs=3', '--opt', 'adam', '--json', 'file.png', '--idx', 'a.gz', 'b.gz', '--', '--not-an-option'], specs, 'demo');
    expect(options).toEqual({ lr: 0.5, epochs: 3, opt: 'adam', json: true, idx: { images: 'a.gz', labels: 'b.gz' } });
    expect(positionals).toEqual(['file.png', '--not-an-option']);
    expect(help).toBe(false);
    expect(parseArgs(['--lr', '1e-3', '-h'], specs, 'demo')).toEqual({ options: { lr: 0.001 }, positionals: [], help: true });
  });

  it('explains every kind of mistake in one line', () => {
    const cases: [string[], string][] = [
      [['--epohcs', '3'], 'unknown option --epohcs for "demo" (did you mean --epochs?); see lab demo --help'],
      [['-x'], 'unknown option -x for "demo"; see lab demo --help'],
      [['--lr', 'fast'], '--lr expects a number > 0, got "fast"'],
      [['--lr', '0'], '--lr expects a number > 0, got "0"'],
      [['--epochs', '2.5'], '--epochs expects a whole number ≥ 1, got "2.5"'],
      [['--epochs', ''], '--epochs expects a whole number ≥ 1, got ""'],
      [['--opt', 'rmsprop'], '--opt expects one of sgd, adam, got "rmsprop"'],
      [['--lr'], '--lr needs a value (X)'],
      [['--lr', '--json'], '--lr needs a value (X)'],
      [['--idx', 'a.gz'], '--idx needs 2 values: --idx IMAGES LABELS'],
      [['--idx=a.gz'], '--idx needs 2 values: --idx IMAGES LABELS'],
      [['--json=yes'], '--json takes no value'],
      [['--lr', '1', '--lr', '2'], '--lr is given more than once'],
      [['--name='], '--name expects a NAME, got ""'],
    ];
    for (const [argv, message] of cases) {
      const got = usageError(argv);
      expect(got).toBe(message);
      expect(got).not.toContain('\n');
    }
  });

  it('formats help with every option', () => {
    const help = formatHelp('lab demo [options]', [{ title: 'options', specs }]);
    for (const name of Object.keys(specs)) expect(help).toContain(`--${name}`);
    expect(help).toContain('--idx IMAGES LABELS');
  });
});

describe('train options', () => {
  it('parse models, activations, regularizers and schedules', () => {
    expect(parseModel('linear', 'model')).toEqual([]);
    expect(parseModel('mlp:512,256', 'model')).toEqual([512, 256]);
    expect(() => parseModel('mlp:', 'model')).toThrow(UsageError);
    expect(() => parseModel('mlp:10,x', 'model')).toThrow(/mlp:H1/);
    expect(() => parseModel('cnn', 'model')).toThrow(/got "cnn"/);

    expect(parseActivations('leaky-relu:0.2,tanh', 'act')).toEqual([{ activation: 'leaky-relu', alpha: 0.2 }, { activation: 'tanh' }]);
    expect(() => parseActivations('relu:0.2', 'act')).toThrow(UsageError);
    expect(() => parseActivations('leaky-relu:2', 'act')).toThrow(/< 1/);
    expect(() => parseActivations('swish', 'act')).toThrow(/got "swish"/);

    expect(parseRegularizer('none', 'reg')).toEqual({ kind: 'none', l1: 0, l2: 0 });
    expect(parseRegularizer('l1:1e-3', 'reg')).toEqual({ kind: 'l1', l1: 0.001, l2: 0 });
    expect(parseRegularizer('l2:0.5', 'reg')).toEqual({ kind: 'l2', l1: 0, l2: 0.5 });
    expect(parseRegularizer('elastic:0.1,0.2', 'reg')).toEqual({ kind: 'elastic', l1: 0.1, l2: 0.2 });
    for (const badValue of ['l1', 'l1:', 'l1:-1', 'l2:1,2', 'elastic:1', 'none:1', 'l1:1:2', 'l1:abc']) {
      expect(() => parseRegularizer(badValue, 'reg'), badValue).toThrow(UsageError);
    }

    expect(parseSchedule('step:10,0.5', 'schedule')).toEqual({ kind: 'step', everyEpochs: 10, gamma: 0.5 });
    expect(parseSchedule('cosine:1e-4', 'schedule')).toEqual({ kind: 'cosine', minLr: 1e-4 });
    expect(() => parseSchedule('step:0,0.5', 'schedule')).toThrow(UsageError);
  });

  it('build a TrainConfig with per-layer activations and per-optimizer default learning rates', () => {
    const config = buildConfig({ model: [8, 4], act: [{ activation: 'relu' }, { activation: 'tanh' }], opt: 'adam', reg: { kind: 'l1', l1: 0.01, l2: 0 }, prox: true },
      { inputSize: 2, numClasses: 3 });
    expect(config.model.hidden).toEqual([{ units: 8, activation: 'relu' }, { units: 4, activation: 'tanh' }]);
    expect(config.optimizer).toEqual({ kind: 'adam', lr: 0.01 });
    expect(config.regularizer).toEqual({ kind: 'l1', l1: 0.01, l2: 0, proximal: true });
    expect(buildConfig({ model: [8, 4], act: [{ activation: 'sigmoid' }] }, { inputSize: 2, numClasses: 3 }).model.hidden.map((h) => h.activation))
      .toEqual(['sigmoid', 'sigmoid']);
    expect(() => buildConfig({ model: [8], act: [{ activation: 'relu' }, { activation: 'tanh' }] }, { inputSize: 2, numClasses: 3 }))
      .toThrow(/2 activations but the model has 1 hidden layers/);
  });
});
