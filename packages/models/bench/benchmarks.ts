import { performance } from 'node:perf_hooks';
import { createRegistries } from '@mmpt/registry';
import { DataSample } from '@mmpt/structures';
import { type Backend, createCpuBackend, noGrad, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import type { Benchmark, BenchResult } from '../../../scripts/bench/harness.ts';
import { median } from '../../../scripts/bench/harness.ts';
import { SGD } from '../../optim/src/optimizers/sgd.ts';
import { type ImageClassifier, register } from '../src/index.ts';

function resnet18Cifar(backend: Backend): ImageClassifier {
  setDefaultBackend(backend);
  const registries = createRegistries();
  register(registries);
  return registries.models.build({
    type: 'ImageClassifier',
    backbone: { type: 'ResNet_CIFAR', depth: 18 },
    neck: { type: 'GlobalAveragePooling' },
    head: { type: 'LinearClsHead', num_classes: 10, in_channels: 512 },
  }) as ImageClassifier;
}

/**
 * ResNet-18 (CIFAR variant, 32x32, batch 64): training images/s with the time of a step split into
 * forward, backward and optimizer, and inference images/s.
 */
const resnet18: Benchmark = {
  name: 'resnet18 cifar batch 64',
  run: async (): Promise<BenchResult[]> => {
    const backend = createCpuBackend();
    const model = resnet18Cifar(backend);
    model.initWeights();
    const optimizer = new SGD({ params: model.parameters(), lr: 0.1, momentum: 0.9, weight_decay: 5e-4 });
    const batch = 64;
    const inputs = randn([batch, 3, 32, 32], { backend });
    const samples = Array.from({ length: batch }, (_, index) => new DataSample().setGtLabel(index % 10));
    const phases = { forward: [] as number[], backward: [] as number[], optimizer: [] as number[] };
    for (let step = 0; step < 6; step++) {
      tidy(() => {
        const start = performance.now();
        const loss = model.loss(inputs, samples).loss;
        loss?.item();
        const forwardEnd = performance.now();
        loss?.backward();
        const backwardEnd = performance.now();
        optimizer.step();
        optimizer.zeroGrad();
        const end = performance.now();
        if (step >= 1) {
          phases.forward.push((forwardEnd - start) / 1000);
          phases.backward.push((backwardEnd - forwardEnd) / 1000);
          phases.optimizer.push((end - backwardEnd) / 1000);
        }
      });
    }
    model.eval();
    const inference: number[] = [];
    for (let step = 0; step < 6; step++) {
      const start = performance.now();
      tidy(() => noGrad(() => model.forward(inputs).dataSync()));
      if (step >= 1) inference.push((performance.now() - start) / 1000);
    }
    const forward = median(phases.forward);
    const backward = median(phases.backward);
    const update = median(phases.optimizer);
    const step = forward + backward + update;
    const threads = backend.threads;
    inputs.dispose();
    optimizer.dispose?.();
    model.dispose();
    backend.dispose();
    return [
      {
        bench: 'resnet18 cifar training batch 64',
        backend: 'cpu',
        metric: 'images/s',
        value: batch / step,
        threads,
        note: `step ${(step * 1000).toFixed(0)} ms: forward ${(forward * 1000).toFixed(0)}, backward ${(backward * 1000).toFixed(0)}, optimizer ${(update * 1000).toFixed(0)}`,
      },
      { bench: 'resnet18 cifar inference batch 64', backend: 'cpu', metric: 'images/s', value: batch / median(inference), threads },
    ];
  },
};

/** The benchmarks of `@mmpt/models`. */
export const modelBenchmarks: Benchmark[] = [resnet18];
