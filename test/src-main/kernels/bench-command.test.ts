import { afterEach, describe, expect, it, vi } from 'vitest';
import { run, WORKLOADS, workloadConfig } from '../../../src-main/cli/commands/bench';
import { nativeDisabledByEnv } from '../../../src-main/kernels/native-kernels';

describe('lab bench', () => {
  afterEach(() => vi.restoreAllMocks());

  it('trains the chosen workloads and prints samples/s as JSON on the last line', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => { lines.push(line); });
    const code = await run(['--json', '--seconds', '0.1', '--workloads', 'W1,W4', '--threads', '2']);
    expect(code).toBe(0);
    const result = JSON.parse(lines[lines.length - 1]);
    expect(result.W1).toBeGreaterThan(0);
    expect(result.W4).toBeGreaterThan(0);
    expect(result.W2).toBeUndefined();
    expect(result.threads).toBe(2);
    // the path that ran: native BLAS unless this test run turned it off
    const path = nativeDisabledByEnv() ? 'wasm' : 'native';
    expect(result.path).toBe(path);
    expect(result.kernels).toMatch(path === 'wasm' ? /^wasm-/ : /^native-blas/);
    expect(lines[0]).toMatch(new RegExp(`^kernels: ${path} `));
    expect(result.gemm256x3072x100Gflops).toBeGreaterThan(0);
    for (const w of ['W1', 'W4']) {
      expect(result.epochSeconds[w].train).toBeGreaterThan(0);
      expect(result.epochSeconds[w].evaluate).toBeGreaterThan(0);
    }
  });

  it('--kernels wasm forces the WebAssembly path, and says why it is not native', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => { lines.push(line); });
    expect(await run(['--json', '--seconds', '0.1', '--workloads', 'W4', '--threads', '1', '--kernels', 'wasm'])).toBe(0);
    expect(JSON.parse(lines[lines.length - 1]).path).toBe('wasm');
    expect(lines[0]).toMatch(/^kernels: wasm .*not native because the WebAssembly kernels were asked for/);
  });

  it('defines the workloads of docs/cli.md', () => {
    expect(WORKLOADS.map((w) => [w.name, w.inputs, ...w.hidden, w.classes, w.batch])).toEqual([
      ['W1', 784, 100, 10, 64], ['W2', 3072, 100, 10, 128], ['W3', 3072, 512, 256, 10, 256], ['W4', 3072, 10, 256],
    ]);
    const config = workloadConfig(WORKLOADS[2]);
    expect(config.loss).toBe('softmax');
    expect(config.regularizer).toMatchObject({ kind: 'l2', l2: 1e-4 });
    expect(config.optimizer.kind).toBe('sgd');
    expect(config.model.hidden.every((h) => h.activation === 'relu')).toBe(true);
  });

  it('rejects an unknown workload with a clear message', async () => {
    await expect(run(['--workloads', 'W9'])).rejects.toThrow(/unknown workload "W9"/);
  });
});
