/**
 * Training and inference throughput of an `ImageClassifier` built from its config through the
 * registry, on any backend: the CPU rows of `pnpm bench` (./benchmarks.ts) and the WebGPU rows
 * (packages/gpu/bench/model-benchmarks.ts) both measure with it.
 */
import { performance } from 'node:perf_hooks';
import { createRegistries } from '@mmpt/registry';
import { DataSample } from '@mmpt/structures';
import { type Backend, Generator, noGrad, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import type { BenchResult } from '../../../scripts/bench/harness.ts';
import { median } from '../../../scripts/bench/harness.ts';
import { SGD, type SGDOptions } from '../../optim/src/optimizers/sgd.ts';
import { type ImageClassifier, register } from '../src/index.ts';

/** A classifier to measure: its MMPretrain model config, input size and SGD settings. */
export interface ClassifierCase {
  /** The start of its rows' `bench` names, e.g. `resnet50 224`. */
  label: string;
  /** The `model` dict of the config (`type: 'ImageClassifier'`). */
  model: Record<string, unknown>;
  /** One image: channels, height, width. */
  image: [number, number, number];
  numClasses: number;
  /** The optimizer of the config's schedule (SGD, with `params` left out). */
  sgd: Omit<SGDOptions, 'params'>;
}

/** ResNet-18, CIFAR variant (3x3 stem, no max pool), 32x32 inputs: `_base_/models/resnet18_cifar.py`. */
export const RESNET18_CIFAR: ClassifierCase = {
  label: 'resnet18 cifar',
  model: {
    type: 'ImageClassifier',
    backbone: { type: 'ResNet_CIFAR', depth: 18, num_stages: 4, out_indices: [3], style: 'pytorch' },
    neck: { type: 'GlobalAveragePooling' },
    head: { type: 'LinearClsHead', num_classes: 10, in_channels: 512, loss: { type: 'CrossEntropyLoss', loss_weight: 1.0 } },
  },
  image: [3, 32, 32],
  numClasses: 10,
  sgd: { lr: 0.1, momentum: 0.9, weight_decay: 5e-4 },
};

/** ResNet-50 on 224x224 ImageNet inputs: MMPretrain's `_base_/models/resnet50.py` and `imagenet_bs256` schedule. */
export const RESNET50: ClassifierCase = {
  label: 'resnet50 224',
  model: {
    type: 'ImageClassifier',
    backbone: { type: 'ResNet', depth: 50, num_stages: 4, out_indices: [3], style: 'pytorch' },
    neck: { type: 'GlobalAveragePooling' },
    head: { type: 'LinearClsHead', num_classes: 1000, in_channels: 2048, loss: { type: 'CrossEntropyLoss', loss_weight: 1.0 }, topk: [1, 5] },
  },
  image: [3, 224, 224],
  numClasses: 1000,
  sgd: { lr: 0.1, momentum: 0.9, weight_decay: 1e-4 },
};

/**
 * ViT-S/16 on 224x224 inputs: MMPretrain's `deit-small_4xb256_in1k` model (VisionTransformer arch
 * `deit-small`, 384 channels, 12 layers, 6 heads; the class token into a `VisionTransformerClsHead`,
 * no neck), with plain cross-entropy instead of label smoothing and SGD instead of AdamW (the same
 * work per step, without batch augments).
 */
export const VIT_SMALL: ClassifierCase = {
  label: 'vit-s16 224',
  model: {
    type: 'ImageClassifier',
    backbone: { type: 'VisionTransformer', arch: 'deit-small', img_size: 224, patch_size: 16, drop_path_rate: 0.1 },
    neck: null,
    head: { type: 'VisionTransformerClsHead', num_classes: 1000, in_channels: 384, loss: { type: 'CrossEntropyLoss', loss_weight: 1.0 } },
  },
  image: [3, 224, 224],
  numClasses: 1000,
  sgd: { lr: 0.1, momentum: 0.9, weight_decay: 1e-4 },
};

/** How {@link measureClassifier} runs. */
export interface ThroughputOptions {
  trainingBatch: number;
  inferenceBatch: number;
  /** Untimed training steps and inference passes first (kernel compilation, buffer pools). */
  warmup: number;
  /** Timed training steps and inference passes; medians are reported. */
  repeats: number;
  /** Waits until the backend has run what was queued (WebGPU); synchronous backends need none. */
  synchronize?: () => Promise<void>;
}

/** Median seconds of a training step (and of its phases) and of an inference pass. */
export interface Throughput {
  /** `model.loss` up to the loss read back. */
  forward: number;
  backward: number;
  /** `optimizer.step()` and `zeroGrad()`. */
  optimizer: number;
  /** A whole training step (the median of step times, not the sum of the phase medians). */
  step: number;
  /** `model.forward` (the logits) under `noGrad` in eval mode, read back. */
  inference: number;
}

/**
 * Builds the classifier of `entry` on `backend` (the default backend meanwhile, so layers and their
 * weights live there) and initialises its weights.
 */
export function buildClassifier(entry: ClassifierCase, backend: Backend): ImageClassifier {
  setDefaultBackend(backend);
  const registries = createRegistries();
  register(registries);
  const model = registries.models.build(entry.model) as ImageClassifier;
  model.initWeights();
  return model;
}

/**
 * Times SGD training steps (forward with cross-entropy, loss read back, backward, momentum update)
 * and inference passes of the classifier of `entry` on random images, then disposes everything it
 * made. `backend` stays the default backend until it returns, then there is none.
 */
export async function measureClassifier(entry: ClassifierCase, backend: Backend, options: ThroughputOptions): Promise<Throughput> {
  const synchronize = options.synchronize ?? (async () => {});
  const model = buildClassifier(entry, backend);
  const optimizer = new SGD({ params: model.parameters(), ...entry.sgd });
  const generator = new Generator(0);
  try {
    const images = randn([options.trainingBatch, ...entry.image], { backend, generator });
    const samples = Array.from({ length: options.trainingBatch }, (_, index) => new DataSample().setGtLabel(index % entry.numClasses));
    const phases = { forward: [] as number[], backward: [] as number[], optimizer: [] as number[], step: [] as number[] };
    await synchronize();
    for (let step = 0; step < options.warmup + options.repeats; step++) {
      const start = performance.now();
      const loss = tidy(() => model.loss(images, samples).loss);
      if (!loss) throw new Error(`${entry.label}: model.loss returned no "loss"`);
      await loss.data();
      const forwardEnd = performance.now();
      loss.backward();
      loss.dispose();
      await synchronize();
      const backwardEnd = performance.now();
      optimizer.step();
      optimizer.zeroGrad();
      await synchronize();
      const end = performance.now();
      if (step >= options.warmup) {
        phases.forward.push((forwardEnd - start) / 1000);
        phases.backward.push((backwardEnd - forwardEnd) / 1000);
        phases.optimizer.push((end - backwardEnd) / 1000);
        phases.step.push((end - start) / 1000);
      }
    }
    images.dispose();
    model.eval();
    const inputs = randn([options.inferenceBatch, ...entry.image], { backend, generator });
    const inference: number[] = [];
    for (let pass = 0; pass < options.warmup + options.repeats; pass++) {
      const start = performance.now();
      const logits = tidy(() => noGrad(() => model.forward(inputs)));
      await logits.data();
      logits.dispose();
      if (pass >= options.warmup) inference.push((performance.now() - start) / 1000);
    }
    inputs.dispose();
    return {
      forward: median(phases.forward),
      backward: median(phases.backward),
      optimizer: median(phases.optimizer),
      step: median(phases.step),
      inference: median(inference),
    };
  } finally {
    optimizer.dispose?.();
    model.dispose();
    setDefaultBackend(undefined);
  }
}

/** What {@link throughputRows} adds to the rows. */
export interface RowOptions {
  backend: string;
  threads?: number;
  /** Put before the step split of the training row, and on the inference row. */
  note?: string;
}

/**
 * The two rows of a measurement, `<label> training batch N` and `<label> inference batch N`, in
 * images/s; the training row's note splits the step into forward, backward and optimizer.
 */
export function throughputRows(entry: ClassifierCase, options: ThroughputOptions, throughput: Throughput, rows: RowOptions): BenchResult[] {
  const ms = (seconds: number): string => (seconds * 1000).toFixed(0);
  const split = `step ${ms(throughput.step)} ms: forward ${ms(throughput.forward)}, backward ${ms(throughput.backward)}, optimizer ${ms(throughput.optimizer)}`;
  const threads = rows.threads === undefined ? {} : { threads: rows.threads };
  const inferenceNote = rows.note === undefined ? {} : { note: rows.note };
  return [
    {
      bench: `${entry.label} training batch ${options.trainingBatch}`,
      backend: rows.backend,
      metric: 'images/s',
      value: options.trainingBatch / throughput.step,
      ...threads,
      note: rows.note === undefined ? split : `${rows.note}; ${split}`,
    },
    { bench: `${entry.label} inference batch ${options.inferenceBatch}`, backend: rows.backend, metric: 'images/s', value: options.inferenceBatch / throughput.inference, ...threads, ...inferenceNote },
  ];
}
