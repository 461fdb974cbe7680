/**
 * Where a ResNet-18 (CIFAR, batch 64) training step and an inference pass spend their time, kernel
 * by kernel: wraps the CPU backend's `run`, times the last of a few steps, and prints the kernels
 * by total time per phase (forward, backward, optimizer, inference). Not part of `pnpm bench`.
 *
 *     npx tsx --experimental-wasm-relaxed-simd --conditions=@mmpt/source packages/models/bench/profile-resnet18.ts
 *
 * Environment: THREADS (default all cores), STEPS (default 3), BATCH (default 64), and CPU_TIME=1
 * to time by the process's CPU use instead of the wall clock (with THREADS=1 it measures the work
 * itself, which a busy machine disturbs far less than the wall clock).
 */
import { performance } from 'node:perf_hooks';
import { createRegistries } from '@mmpt/registry';
import { DataSample } from '@mmpt/structures';
import { type KernelAttributes, type KernelName, type KernelTensor, createCpuBackend, noGrad, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { SGD } from '../../optim/src/optimizers/sgd.ts';
import { type ImageClassifier, register } from '../src/index.ts';

const backend = createCpuBackend(process.env.THREADS ? { threads: Number(process.env.THREADS) } : {});
const cpuTime = process.env.CPU_TIME !== undefined;
const now = (): number => (cpuTime ? process.cpuUsage().user / 1000 : performance.now());
setDefaultBackend(backend);
const registries = createRegistries();
register(registries);
const model = registries.models.build({
  type: 'ImageClassifier',
  backbone: { type: 'ResNet_CIFAR', depth: 18 },
  neck: { type: 'GlobalAveragePooling' },
  head: { type: 'LinearClsHead', num_classes: 10, in_channels: 512 },
}) as ImageClassifier;
model.initWeights();
const optimizer = new SGD({ params: model.parameters(), lr: 0.1, momentum: 0.9, weight_decay: 5e-4 });
const batch = Number(process.env.BATCH ?? 64);
const inputs = randn([batch, 3, 32, 32], { backend });
const samples = Array.from({ length: batch }, (_, index) => new DataSample().setGtLabel(index % 10));

const times = new Map<string, { ms: number; calls: number; elements: number }>();
let phase = 'forward';
const originalRun = backend.run.bind(backend);
let profiling = false;
backend.run = <K extends KernelName>(name: K, kernelInputs: readonly KernelTensor[], outputs: readonly KernelTensor[], attributes: KernelAttributes[K]): void => {
  if (!profiling) {
    originalRun(name, kernelInputs, outputs, attributes);
    return;
  }
  const start = now();
  originalRun(name, kernelInputs, outputs, attributes);
  const key = `${phase}:${name}`;
  const entry = times.get(key) ?? { ms: 0, calls: 0, elements: 0 };
  entry.ms += now() - start;
  entry.calls++;
  entry.elements += outputs.reduce((total, output) => total + output.size, 0);
  times.set(key, entry);
};

const steps = Number(process.env.STEPS ?? 3);
for (let step = 0; step < steps; step++) {
  profiling = step === steps - 1;
  tidy(() => {
    phase = 'forward';
    const t0 = now();
    const loss = model.loss(inputs, samples).loss;
    loss?.item();
    const t1 = now();
    phase = 'backward';
    loss?.backward();
    const t2 = now();
    phase = 'optimizer';
    optimizer.step();
    optimizer.zeroGrad();
    const t3 = now();
    console.log(`step ${step}: forward ${(t1 - t0).toFixed(0)} backward ${(t2 - t1).toFixed(0)} optimizer ${(t3 - t2).toFixed(0)} ms`);
  });
}
model.eval();
for (let step = 0; step < 3; step++) {
  profiling = step === 2;
  phase = 'inference';
  const t0 = now();
  tidy(() => noGrad(() => model.forward(inputs).dataSync()));
  console.log(`inference ${(now() - t0).toFixed(0)} ms`);
}
const rows = [...times.entries()].sort((a, b) => b[1].ms - a[1].ms);
const totals = new Map<string, number>();
for (const [key, value] of rows) totals.set(key.split(':')[0] as string, (totals.get(key.split(':')[0] as string) ?? 0) + value.ms);
console.log('kernel time per phase', Object.fromEntries([...totals].map(([k, v]) => [k, v.toFixed(0)])));
for (const [key, value] of rows.slice(0, 45)) {
  console.log(`${key.padEnd(40)} ${value.ms.toFixed(0).padStart(7)} ms ${String(value.calls).padStart(5)} calls ${(value.elements / 1e6).toFixed(1).padStart(8)} M elements`);
}
backend.dispose();
