import type { Registries } from '@mmpt/registry';
import { CustomDataset } from './custom-dataset';
import { DefaultSampler } from './samplers/default-sampler';
import { InfiniteSampler } from './samplers/infinite-sampler';
import { RepeatAugSampler } from './samplers/repeat-aug-sampler';
import { SequentialSampler } from './samplers/sequential-sampler';

/** Registers the datasets and samplers of this package under MMPretrain's and MMEngine's names. */
export function register(registries: Registries): void {
  registries.datasets.register(CustomDataset);
  for (const sampler of [DefaultSampler, InfiniteSampler, SequentialSampler, RepeatAugSampler]) registries.dataSamplers.register(sampler);
}
