/**
 * Our kernels against TF.js (WebAssembly backend) and, when /usr/bin/python3 has torch,
 * PyTorch, on the `lab bench` workloads (W1–W4) in the same run, with ratios; plus GEMM
 * GFLOP/s for 256×3072 · 3072×100.
 *
 *   npm run bench:compare [-- --seconds 2 --rounds 1 --threads 1,2 --no-tfjs --no-torch --json]
 *
 * PyTorch is optional (Debian: python3-torch, and libopenblas0-pthread or it uses the
 * reference BLAS). Everything is float32, softmax cross-entropy, L2 1e-4 on the weights,
 * plain SGD, forward+backward+update on random data held in memory. Each figure is the
 * best of 5 windows (other processes only ever slow a window down); `--rounds N` repeats
 * the whole comparison and keeps each column's best.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { measureGemm, measureWorkload, WORKLOADS, type Workload } from '../src-main/cli/commands/bench';
import { createNodeKernels } from '../src-main/kernels/node-kernels';

interface Column { label: string; samples: Record<string, number>; gemmGflops: number }

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const seconds = Number(option('seconds') ?? 2);
const threadCounts = (option('threads') ?? '1,2').split(',').map(Number);
const wantTfjs = !process.argv.includes('--no-tfjs');
const wantTorch = !process.argv.includes('--no-torch');
const asJson = process.argv.includes('--json');
const rounds = Number(option('rounds') ?? 1);

async function ours(threads: number): Promise<Column> {
  const kernels = await createNodeKernels({ threads });
  try {
    const samples: Record<string, number> = {};
    for (const w of WORKLOADS) samples[w.name] = measureWorkload(w, kernels, seconds);
    return { label: `ours ${threads}t`, samples, gemmGflops: measureGemm(kernels, 256, 100, 3072) };
  } finally {
    kernels.close();
  }
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

const TORCH_SCRIPT = String.raw`
import json, sys, time, torch
seconds, threads, workloads = float(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
torch.set_num_threads(threads)
torch.manual_seed(0)
out = {}
for w in workloads:
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
    best = 0
    for window in range(5):  # best of 5 windows, as for ours
        steps, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 5:
            step(steps); steps += 1
        best = max(best, steps * w['batch'] / (time.perf_counter() - start))
    out[w['name']] = best
a, b = torch.rand(256, 3072), torch.rand(3072, 100)
best, start = 1e9, time.perf_counter()
while time.perf_counter() - start < 0.5:
    t0 = time.perf_counter(); torch.mm(a, b); best = min(best, time.perf_counter() - t0)
out['gemm'] = 2 * 256 * 3072 * 100 / best / 1e9
print(json.dumps(out))
`;

function torch(threads: number): Column | null {
  const python = '/usr/bin/python3';
  if (!existsSync(python)) return null;
  const result = spawnSync(python, ['-c', TORCH_SCRIPT, String(seconds), String(threads), JSON.stringify(WORKLOADS)], {
    encoding: 'utf8', timeout: 600_000,
    // torch.set_num_threads covers PyTorch's own pool; OpenBLAS (pthread build) keeps its own
    env: { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) },
  });
  if (result.status !== 0) {
    const reason = result.stderr.includes("No module named 'torch'") ? 'torch is not installed' : result.stderr.trim().split('\n').pop();
    console.log(`(PyTorch skipped: ${reason})`);
    return null;
  }
  const parsed = JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, number>;
  const { gemm, ...samples } = parsed;
  return { label: `PyTorch ${threads}t`, samples, gemmGflops: gemm };
}

/** Column by column, the better figure of two rounds. */
function keepBest(previous: Column[], next: Column[]): Column[] {
  if (previous.length === 0) return next;
  return next.map((column, i) => ({
    label: column.label,
    samples: Object.fromEntries(Object.keys(column.samples).map((w) => [w, Math.max(column.samples[w], previous[i].samples[w])])),
    gemmGflops: Math.max(column.gemmGflops, previous[i].gemmGflops),
  }));
}

function printTable(columns: Column[]): void {
  const pad = (s: string, n = 12) => s.padStart(n);
  console.log(`\n${'workload'.padEnd(9)}${columns.map((c) => pad(c.label)).join('')}`);
  for (const w of WORKLOADS) {
    console.log(`${w.name.padEnd(9)}${columns.map((c) => pad(c.samples[w.name] === undefined ? '–' : c.samples[w.name].toFixed(0))).join('')}`);
  }
  console.log(`${'GFLOP/s'.padEnd(9)}${columns.map((c) => pad(c.gemmGflops.toFixed(1))).join('')}   (gemm 256×3072 · 3072×100)`);
}

function printRatios(oursColumns: Column[], others: Column[]): void {
  for (const other of others) {
    const parts = oursColumns.map((o) => `${o.label}: ${WORKLOADS.map((w) => `${w.name} ${(o.samples[w.name] / other.samples[w.name]).toFixed(2)}×`).join(', ')}`);
    console.log(`vs ${other.label}  ${parts.join('  |  ')}`);
  }
}

async function main(): Promise<void> {
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes share the cores)`);
  let oursColumns: Column[] = [];
  let others: Column[] = [];
  for (let round = 0; round < rounds; round++) {
    // interleaved rounds: a busy spell on the machine hits every column alike
    const oursRound: Column[] = [];
    for (const threads of threadCounts) oursRound.push(await ours(threads));
    const othersRound: Column[] = [];
    if (wantTfjs) othersRound.push(await tfjs());
    if (wantTorch) for (const threads of threadCounts) { const column = torch(threads); if (column) othersRound.push(column); }
    oursColumns = keepBest(oursColumns, oursRound);
    others = keepBest(others, othersRound);
  }
  printTable([...oursColumns, ...others]);
  console.log('');
  printRatios(oursColumns, others);
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (asJson) console.log(JSON.stringify(Object.fromEntries([...oursColumns, ...others].map((c) => [c.label, { ...c.samples, gemmGflops: c.gemmGflops }]))));
}

await main();
