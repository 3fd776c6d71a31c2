/**
 * The lab against PyTorch (when /usr/bin/python3 has torch) in one run, at each thread
 * count, with the native BLAS kernels and with them turned off (WebAssembly), and
 * optionally TF.js (WebAssembly backend):
 *
 * 1. the `lab bench` workloads W1–W4 (samples/s, training steps only), plus GEMM GFLOP/s
 *    for 256×3072 · 3072×100;
 * 2. end to end, the Fashion-MNIST run `lab train --idx … --test-idx … --model mlp:100
 *    --opt adam --lr 0.001 --batch 128 --epochs 10 --val-split 0` against the same training
 *    in a plain PyTorch script (scripts/torch/fashion_mnist_mlp.py): wall time of each
 *    process from start to exit, loading included; then the same with `--model linear`
 *    (the linear twin) on both sides.
 *
 *   npm run bench:compare [-- --seconds 1 --rounds 3 --e2e-rounds 1 --threads 1,2 --epochs 10
 *                            --no-e2e --e2e-models mlp:100,linear --e2e-limit 900 --no-torch
 *                            --tfjs --fashion DIR --json]
 *
 * PyTorch is optional (Debian: python3-torch, with libopenblas0-pthread); the end-to-end
 * run needs Debian's dataset-fashion-mnist (or --fashion DIR with the four .gz files).
 * W1–W4 are float32, softmax cross-entropy, L2 1e-4 on the weights, plain SGD,
 * forward+backward+update on random data held in memory. Side by side: every column (lab
 * native, lab WebAssembly, PyTorch, at each thread count) stays up for the whole run (one
 * long-lived PyTorch process per thread count), and each round measures one workload on
 * every column in turn before the next workload, so a busy spell on the machine hits all
 * columns alike; each measurement is the best of 5 windows of seconds/5, and the table
 * shows each column's median over `--rounds` rounds. The end-to-end runs alternate lab
 * and PyTorch the same way (`--e2e-rounds`, median wall time). Ratios above 1 mean the
 * lab is faster.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { measureGemm, measureWorkload, randomData, WORKLOADS, workloadConfig, type Workload } from '../src-main/cli/commands/bench';
import type { Kernels } from '../src-shared/engine/kernels';
import { Trainer } from '../src-shared/engine/trainer';
import { createNodeKernels, type KernelPath, type NodeKernels } from '../src-main/kernels/node-kernels';

interface Column { label: string; samples: Record<string, number>; gemmGflops: number }

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const seconds = Number(option('seconds') ?? 1);
const threadCounts = (option('threads') ?? '1,2').split(',').map(Number);
const wantTfjs = process.argv.includes('--tfjs');
const wantTorch = !process.argv.includes('--no-torch');
const wantEndToEnd = !process.argv.includes('--no-e2e');
const asJson = process.argv.includes('--json');
const rounds = Number(option('rounds') ?? 3);
const e2eRounds = Number(option('e2e-rounds') ?? 1);
const epochs = Number(option('epochs') ?? 10);
const fashionDir = option('fashion') ?? '/usr/share/datasets/fashion-mnist';
const PYTHON = '/usr/bin/python3';
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * On one thread, samples per second of this process's CPU time as well: other processes
 * on busy cores stretch wall time, while CPU time counts only the work done (and all
 * threads', so it is no use for two).
 */
const cpuSamples = new Map<string, Record<string, number[]>>();

/** Training samples per CPU second of workload `w`: best of 5 windows after a warm-up, like measureWorkload. */
function perCpuSecond(w: Workload, kernels: Kernels): number {
  const trainer = new Trainer(workloadConfig(w), randomData(w), undefined, { kernels });
  for (let i = 0; i < 3; i++) trainer.trainStep();
  let best = 0;
  for (let window = 0; window < 5; window++) {
    let samples = 0;
    const start = performance.now(), cpu = process.cpuUsage();
    // randomData holds whole batches: every step trains w.batch samples
    do { trainer.trainStep(); samples += w.batch; } while (performance.now() - start < (seconds * 1000) / 5);
    const used = process.cpuUsage(cpu);
    best = Math.max(best, samples / ((used.user + used.system) / 1e6));
  }
  return best;
}

/** A lab column: its kernels, kept for the whole run. */
interface LabSide { label: string; path: KernelPath; threads: number; kernels: NodeKernels }

/** The lab's kernels on `path` at `threads`, or null when that path is not available (native not built). */
async function labSide(threads: number, path: KernelPath): Promise<LabSide | null> {
  const kernels = await createNodeKernels({ threads, native: path === 'native' ? undefined : false });
  if (kernels.path !== path) {
    console.log(`(lab ${path} skipped: ${kernels.fallbackReason})`);
    kernels.close();
    return null;
  }
  return { label: `lab ${path} ${threads}t`, path, threads, kernels };
}

/**
 * One TF.js training step for workload `w` on random data. Backpropagation is written out
 * with tf ops (the npm tfjs-core alone registers no gradient functions); the products are
 * the same three forms as ours: X·W, dZ·Wᵀ, Xᵀ·dZ.
 */
function tfjsStep(w: Workload): { step: () => void; dispose: () => void } {
  const sizes = [w.inputs, ...w.hidden, w.classes];
  const weights = sizes.slice(1).map((units, i) => tf.variable(tf.randomNormal([sizes[i], units], 0, Math.sqrt(2 / sizes[i]))));
  const biases = sizes.slice(1).map((units) => tf.variable(tf.zeros([units])));
  const batches = Array.from({ length: 8 }, () => ({
    x: tf.randomUniform([w.batch, w.inputs]),
    y: tf.oneHot(tf.randomUniform([w.batch], 0, w.classes, 'int32'), w.classes),
  }));
  const lr = 0.01, l2 = 1e-4;
  let next = 0;
  const step = () => {
    const { x, y } = batches[next++ % batches.length];
    tf.tidy(() => {
      const inputs: tf.Tensor2D[] = [x as tf.Tensor2D];
      const preActivations: tf.Tensor2D[] = [];
      weights.forEach((W, i) => {
        const z = tf.add(tf.matMul(inputs[i], W), biases[i]) as tf.Tensor2D;
        preActivations.push(z);
        if (i < weights.length - 1) inputs.push(tf.relu(z));
      });
      const scores = preActivations[preActivations.length - 1];
      // softmax cross-entropy gradient (p − y) / batch
      let dZ = tf.div(tf.sub(tf.softmax(scores), y), w.batch) as tf.Tensor2D;
      for (let i = weights.length - 1; i >= 0; i--) {
        const dW = tf.add(tf.matMul(inputs[i], dZ, true, false), tf.mul(2 * l2, weights[i]));
        const db = tf.sum(dZ, 0);
        if (i > 0) {
          const dH = tf.matMul(dZ, weights[i], false, true);
          dZ = tf.mul(dH, tf.step(preActivations[i - 1])) as tf.Tensor2D;
        }
        weights[i].assign(tf.sub(weights[i], tf.mul(lr, dW)));
        biases[i].assign(tf.sub(biases[i], tf.mul(lr, db)));
      }
    });
  };
  const dispose = () => {
    for (const v of [...weights, ...biases]) v.dispose();
    for (const b of batches) { b.x.dispose(); b.y.dispose(); }
  };
  return { step, dispose };
}

async function tfjs(): Promise<Column> {
  await tf.setBackend('wasm');
  await tf.ready();
  const samples: Record<string, number> = {};
  for (const w of WORKLOADS) {
    const { step, dispose } = tfjsStep(w);
    for (let i = 0; i < 3; i++) step();
    let best = 0;
    for (let window = 0; window < 5; window++) {
      let steps = 0;
      const start = performance.now();
      do { step(); steps++; } while (performance.now() - start < (seconds * 1000) / 5);
      best = Math.max(best, (steps * w.batch) / ((performance.now() - start) / 1000));
    }
    samples[w.name] = best;
    dispose();
  }
  const a = tf.randomUniform([256, 3072]), b = tf.randomUniform([3072, 100]);
  let best = Infinity;
  const start = performance.now();
  do {
    const t0 = performance.now();
    tf.tidy(() => tf.matMul(a, b).dataSync());
    best = Math.min(best, performance.now() - t0);
  } while (performance.now() - start < 500);
  return { label: 'TF.js wasm', samples, gemmGflops: (2 * 256 * 3072 * 100) / (best / 1000) / 1e9 };
}

/**
 * PyTorch's side of the workloads, as a long-lived process: it reads one request a line
 * ({"workload": W, "seconds": S} or {"gemm": true}) and answers with one JSON line, so it
 * can be measured in turn with the lab's columns without paying its start-up each time.
 */
const TORCH_SCRIPT = String.raw`
import json, sys, time, torch
threads = int(sys.argv[1])
torch.set_num_threads(threads)
torch.manual_seed(0)
nets = {}

def setup(w):
    sizes = [w['inputs']] + w['hidden'] + [w['classes']]
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2: layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    weights = [l.weight for l in net if isinstance(l, torch.nn.Linear)]
    biases = [l.bias for l in net if isinstance(l, torch.nn.Linear)]
    # L2 1e-4 * sum(w^2) on weights only: gradient 2e-4 * w
    opt = torch.optim.SGD([{'params': weights, 'weight_decay': 2e-4}, {'params': biases, 'weight_decay': 0}], lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    batches = [(torch.rand(w['batch'], w['inputs']), torch.randint(0, w['classes'], (w['batch'],))) for _ in range(8)]
    def step(i):
        x, y = batches[i % 8]
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
    for i in range(5): step(i)
    return step

for line in sys.stdin:
    request = json.loads(line)
    if 'gemm' in request:
        a, b = torch.rand(256, 3072), torch.rand(3072, 100)
        best, start = 1e9, time.perf_counter()
        while time.perf_counter() - start < 0.5:
            t0 = time.perf_counter(); torch.mm(a, b); best = min(best, time.perf_counter() - t0)
        print(json.dumps({'gemm': 2 * 256 * 3072 * 100 / best / 1e9}), flush=True)
        continue
    w, seconds = request['workload'], request['seconds']
    if w['name'] not in nets: nets[w['name']] = setup(w)
    step = nets[w['name']]
    best = best_cpu = 0
    for window in range(5):  # best of 5 windows, as for ours
        steps, start, cpu = 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - start < seconds / 5:
            step(steps); steps += 1
        best = max(best, steps * w['batch'] / (time.perf_counter() - start))
        best_cpu = max(best_cpu, steps * w['batch'] / max(time.process_time() - cpu, 1e-9))
    print(json.dumps({'samples': best, 'cpu': best_cpu}), flush=True)
`;

/** torch.set_num_threads covers PyTorch's own pool; OpenBLAS (pthread build) keeps its own. */
const torchEnv = (threads: number) => ({
  ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads),
});

/** A PyTorch column: one python process answering requests in turn. */
interface TorchSide { label: string; threads: number; ask(request: object): Promise<Record<string, number>>; close(): void }

async function torchSide(threads: number): Promise<TorchSide | null> {
  if (!existsSync(PYTHON)) return null;
  const child = spawn(PYTHON, ['-c', TORCH_SCRIPT, String(threads)], { env: torchEnv(threads), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '', buffered = '';
  const waiting: ((line: string | null) => void)[] = [];
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      waiting.shift()?.(line);
    }
  });
  child.on('close', () => { for (const resolve of waiting.splice(0)) resolve(null); });
  const ask = (request: object) => new Promise<Record<string, number>>((resolve, reject) => {
    waiting.push((line) => {
      if (line !== null) { resolve(JSON.parse(line) as Record<string, number>); return; }
      const reason = stderr.includes("No module named 'torch'") ? 'torch is not installed' : stderr.trim().split('\n').pop();
      reject(new Error(reason ?? 'PyTorch exited'));
    });
    child.stdin.write(`${JSON.stringify(request)}\n`);
  });
  try {
    await ask({ gemm: true });
  } catch (error) {
    console.log(`(PyTorch skipped: ${(error as Error).message})`);
    return null;
  }
  return { label: `torch ${threads}t`, threads, ask, close: () => child.stdin.end() };
}

/** One end-to-end run: wall seconds from process start to exit, and what it printed as JSON. */
/** One end-to-end process: `label` is `lab PATH Nt` or `torch Nt`, `model` the CLI's model option. */
interface EndToEnd { model: string; label: string; wall: number; accuracy: number; detail: string }

/** The issue's run and its linear twin (`--e2e-models` chooses others). */
const e2eModels = (option('e2e-models') ?? 'mlp:100,linear').split(',');

const FASHION = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];

/** Longest an end-to-end process may take (PyTorch at 2 threads on busy cores can crawl). */
const endToEndLimit = Number(option('e2e-limit') ?? 900);

/**
 * Runs `command` to its end (or kills it after endToEndLimit seconds); the wall time
 * covers everything it does, loading included.
 */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ wall: number; stdout: string; status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const limit = setTimeout(() => child.kill('SIGKILL'), endToEndLimit * 1000);
    let stdout = '', stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(limit);
      const wall = (performance.now() - start) / 1000;
      resolve({ wall, stdout, status, stderr: signal === 'SIGKILL' ? `did not finish within ${endToEndLimit} s` : stderr });
    });
  });
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;

async function labEndToEnd(threads: number, path: KernelPath, model: string): Promise<EndToEnd | null> {
  const files = FASHION.map((f) => join(fashionDir, f));
  const db = mkdtempSync(join(tmpdir(), 'neural-lab-bench-'));
  try {
    const env = { ...process.env, ...(path === 'wasm' ? { NEURAL_LAB_NATIVE: 'off' } : {}) };
    const result = await timed(process.execPath, [
      '--import', 'tsx', 'src-main/cli/lab.ts', 'train', '--idx', files[0], files[1], '--test-idx', files[2], files[3],
      '--model', model, '--opt', 'adam', '--lr', '0.001', '--batch', '128', '--epochs', String(epochs), '--val-split', '0',
      '--threads', String(threads), '--db', join(db, 'lab.db'), '--json',
    ], env);
    if (result.status !== 0) {
      console.log(`(lab end-to-end failed: ${result.stderr.trim().split('\n').pop()})`);
      return null;
    }
    const summary = lastJson(result.stdout) as {
      kernels: { path: string }; samplesPerSecond: number; test: { accuracy: number };
      epochSeconds: { train: number; evaluate: number; record: number }[];
    };
    if (summary.kernels.path !== path) {
      console.log(`(lab ${path} end-to-end skipped: it ran on ${summary.kernels.path})`);
      return null;
    }
    const total = (key: 'train' | 'evaluate' | 'record') => summary.epochSeconds.reduce((sum, e) => sum + e[key], 0);
    return {
      model, label: `lab ${path} ${threads}t`, wall: result.wall, accuracy: summary.test.accuracy,
      detail: `train ${total('train').toFixed(2)} s, evaluate ${total('evaluate').toFixed(2)} s, record ${total('record').toFixed(2)} s, `
        + `${Math.round(summary.samplesPerSecond)} samples/s in steps`,
    };
  } finally {
    rmSync(db, { recursive: true, force: true });
  }
}

async function torchEndToEnd(threads: number, model: string): Promise<EndToEnd | null> {
  const files = FASHION.map((f) => join(fashionDir, f));
  const result = await timed(PYTHON, [join(root, 'scripts', 'torch', 'fashion_mnist_mlp.py'), ...files, String(threads), String(epochs), model], torchEnv(threads));
  if (result.status !== 0) {
    console.log(`(PyTorch end-to-end failed: ${result.stderr.trim().split('\n').pop()})`);
    return null;
  }
  const summary = lastJson(result.stdout) as {
    loadSeconds: number; trainSeconds: number; evaluateSeconds: number; samplesPerSecond: number; test: { accuracy: number };
  };
  return {
    model, label: `torch ${threads}t`, wall: result.wall, accuracy: summary.test.accuracy,
    detail: `load ${summary.loadSeconds.toFixed(2)} s, train ${summary.trainSeconds.toFixed(2)} s, evaluate ${summary.evaluateSeconds.toFixed(2)} s, `
      + `${Math.round(summary.samplesPerSecond)} samples/s in steps`,
  };
}

function printTable(columns: Column[]): void {
  const pad = (s: string, n = 14) => s.padStart(n);
  console.log(`\n${'workload'.padEnd(9)}${columns.map((c) => pad(c.label)).join('')}`);
  for (const w of WORKLOADS) {
    console.log(`${w.name.padEnd(9)}${columns.map((c) => pad(c.samples[w.name] === undefined ? '–' : c.samples[w.name].toFixed(0))).join('')}`);
  }
  if (columns.some((c) => c.gemmGflops > 0)) console.log(`${'GFLOP/s'.padEnd(9)}${columns.map((c) => pad(c.gemmGflops.toFixed(1))).join('')}   (gemm 256×3072 · 3072×100)`);
}

const ratio = (lab: number, other: number) => `${(lab / other).toFixed(2)}×`;

/** Lab at t threads vs torch at t threads, per kernel path; then each side's best thread count. */
function printRatios(columns: Column[]): void {
  const find = (label: string) => columns.find((c) => c.label === label);
  console.log(`\nratios, lab / torch samples/s (above 1: the lab is faster)`);
  console.log(`${''.padEnd(28)}${WORKLOADS.map((w) => w.name.padStart(8)).join('')}`);
  for (const path of ['native', 'wasm'] as const) {
    for (const threads of threadCounts) {
      const lab = find(`lab ${path} ${threads}t`), torchColumn = find(`torch ${threads}t`);
      if (!lab || !torchColumn) continue;
      console.log(`${`${lab.label} / ${torchColumn.label}`.padEnd(28)}${WORKLOADS.map((w) => ratio(lab.samples[w.name], torchColumn.samples[w.name]).padStart(8)).join('')}`);
    }
    const labs = columns.filter((c) => c.label.startsWith(`lab ${path} `));
    const torches = columns.filter((c) => c.label.startsWith('torch '));
    if (labs.length === 0 || torches.length === 0) continue;
    const best = (cs: Column[], w: string) => Math.max(...cs.map((c) => c.samples[w]));
    console.log(`${`lab ${path} best / torch best`.padEnd(28)}${WORKLOADS.map((w) => ratio(best(labs, w.name), best(torches, w.name)).padStart(8)).join('')}`);
  }
  for (const path of ['native', 'wasm'] as const) {
    const one = find(`lab ${path} 1t`), two = find(`lab ${path} 2t`);
    if (one && two) console.log(`${`lab ${path} 2t / 1t`.padEnd(28)}${WORKLOADS.map((w) => ratio(two.samples[w.name], one.samples[w.name]).padStart(8)).join('')}`);
  }
}

/** Per model and label, the run of median wall time over the rounds. */
function medianRuns(runs: EndToEnd[]): EndToEnd[] {
  const keys = [...new Set(runs.map((r) => `${r.model} ${r.label}`))];
  return keys.map((key) => {
    const mine = runs.filter((r) => `${r.model} ${r.label}` === key).sort((x, y) => x.wall - y.wall);
    return mine[(mine.length - 1) >> 1];
  });
}

function printEndToEnd(all: EndToEnd[]): void {
  for (const model of e2eModels) {
    const runs = all.filter((r) => r.model === model);
    if (runs.length === 0) continue;
    console.log(`\nend to end: Fashion-MNIST 60k/10k, ${model}, Adam 1e-3, batch 128, ${epochs} epochs; wall seconds, loading included`);
    for (const run of runs) {
      console.log(`${run.label.padEnd(16)}${run.wall.toFixed(2).padStart(8)} s   test acc ${(100 * run.accuracy).toFixed(1)}%   (${run.detail})`);
    }
    for (const threads of threadCounts) {
      const torchRun = runs.find((r) => r.label === `torch ${threads}t`);
      if (!torchRun) continue;
      for (const run of runs.filter((r) => r.label.startsWith('lab ') && r.label.endsWith(` ${threads}t`))) {
        console.log(`${`torch wall / ${run.label} wall`.padEnd(32)}${ratio(torchRun.wall, run.wall)}   (above 1: the lab is faster)`);
      }
    }
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Per column and workload, every round's figure; the table shows their medians. */
type Samples = Map<string, Record<string, number[]>>;

function record(samples: Samples, label: string, workload: string, value: number): void {
  const column = samples.get(label) ?? {};
  (column[workload] ??= []).push(value);
  samples.set(label, column);
}

function medianColumns(samples: Samples, gemm: Map<string, number>): Column[] {
  return [...samples].map(([label, byWorkload]) => ({
    label,
    samples: Object.fromEntries(Object.entries(byWorkload).map(([w, values]) => [w, median(values)])),
    gemmGflops: gemm.get(label) ?? 0,
  }));
}

async function main(): Promise<void> {
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`load average before: ${load()} (other processes share the cores)`);
  const endToEnd: EndToEnd[] = [];
  const e2eReady = wantEndToEnd && FASHION.every((f) => existsSync(join(fashionDir, f)));
  if (wantEndToEnd && !e2eReady) console.log(`(end-to-end run skipped: no Fashion-MNIST files in ${fashionDir}; apt install dataset-fashion-mnist or pass --fashion DIR)`);

  const labs: LabSide[] = [];
  const torches: TorchSide[] = [];
  for (const threads of threadCounts) {
    for (const path of ['native', 'wasm'] as const) {
      const side = await labSide(threads, path);
      if (side) labs.push(side);
    }
    const side = wantTorch ? await torchSide(threads) : null;
    if (side) torches.push(side);
  }
  const samples: Samples = new Map();
  const gemm = new Map<string, number>();
  try {
    for (const side of labs) gemm.set(side.label, measureGemm(side.kernels, 256, 100, 3072));
    for (const side of torches) gemm.set(side.label, (await side.ask({ gemm: true })).gemm);
    for (let round = 0; round < rounds; round++) {
      for (const w of WORKLOADS) {
        // every column in turn on this workload, then the next workload: a busy spell hits all alike
        for (const threads of threadCounts) {
          for (const side of labs.filter((l) => l.threads === threads)) {
            record(samples, side.label, w.name, measureWorkload(w, side.kernels, seconds));
            if (threads === 1) record(cpuSamples, side.label, w.name, perCpuSecond(w, side.kernels));
          }
          for (const side of torches.filter((t) => t.threads === threads)) {
            const answer = await side.ask({ workload: w, seconds });
            record(samples, side.label, w.name, answer.samples);
            if (threads === 1) record(cpuSamples, side.label, w.name, answer.cpu);
          }
        }
      }
    }
  } finally {
    for (const side of labs) side.kernels.close();
    for (const side of torches) side.close();
  }
  const columns = medianColumns(samples, gemm);
  if (wantTfjs) columns.push(await tfjs());
  if (e2eReady) {
    for (let round = 0; round < e2eRounds; round++) {
      for (const model of e2eModels) {
        for (const threads of threadCounts) {
          const runs = [await labEndToEnd(threads, 'native', model), wantTorch ? await torchEndToEnd(threads, model) : null, await labEndToEnd(threads, 'wasm', model)];
          for (const run of runs) if (run) endToEnd.push(run);
        }
      }
    }
  }
  printTable(columns);
  printRatios(columns);
  const cpu = medianColumns(cpuSamples, new Map());
  if (cpu.length > 1) {
    console.log('\none thread, samples per CPU second (steady under load: counts only the work done)');
    printTable(cpu);
    const torchCpu = cpu.find((c) => c.label === 'torch 1t');
    for (const lab of cpu.filter((c) => c.label.startsWith('lab '))) {
      if (torchCpu) console.log(`${`${lab.label} / torch 1t (CPU)`.padEnd(28)}${WORKLOADS.map((w) => ratio(lab.samples[w.name], torchCpu.samples[w.name]).padStart(8)).join('')}`);
    }
  }
  const best = medianRuns(endToEnd);
  if (best.length > 0) printEndToEnd(best);
  console.log(`\nload average after: ${load()}`);
  if (asJson) {
    console.log(JSON.stringify({
      workloads: Object.fromEntries(columns.map((c) => [c.label, { ...c.samples, gemmGflops: c.gemmGflops }])),
      endToEnd: Object.fromEntries(best.map((r) => [`${r.model} ${r.label}`, { wallSeconds: r.wall, testAccuracy: r.accuracy }])),
    }));
  }
}

await main();
