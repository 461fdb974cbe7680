import type { Registries } from '@mmpt/registry';
import { CustomDataset } from './custom-dataset';
import { CIFAR10, CIFAR100 } from './datasets/cifar';
import { ImageNet } from './datasets/imagenet';
import { FashionMNIST, MNIST } from './datasets/mnist';
import { MultiLabelDataset } from './datasets/multi-label';
import { VOC } from './datasets/voc';
import { DefaultSampler } from './samplers/default-sampler';
import { InfiniteSampler } from './samplers/infinite-sampler';
import { RepeatAugSampler } from './samplers/repeat-aug-sampler';
import { SequentialSampler } from './samplers/sequential-sampler';
import { ClassBalancedDataset } from './wrappers/class-balanced-dataset';
import { ConcatDataset } from './wrappers/concat-dataset';
import { KFoldDataset } from './wrappers/k-fold-dataset';
import { RepeatDataset } from './wrappers/repeat-dataset';

/** Registers the datasets, dataset wrappers and samplers of this package under MMPretrain's and MMEngine's names. */
export function register(registries: Registries): void {
  // Explicit names: a bundler may rename classes.
  const datasets = { CustomDataset, ImageNet, CIFAR10, CIFAR100, MNIST, FashionMNIST, MultiLabelDataset, VOC, ConcatDataset, RepeatDataset, ClassBalancedDataset, KFoldDataset };
  for (const [name, dataset] of Object.entries(datasets)) registries.datasets.register(name, dataset);
  for (const sampler of [DefaultSampler, InfiniteSampler, SequentialSampler, RepeatAugSampler]) registries.dataSamplers.register(sampler);
}
