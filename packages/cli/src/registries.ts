import { register as registerDatasets } from '@mmpt/datasets';
import { register as registerEngine } from '@mmpt/engine';
import { register as registerEvaluation } from '@mmpt/evaluation';
import { register as registerModels } from '@mmpt/models';
import { register as registerOptim } from '@mmpt/optim';
import { type Registries, createRegistries } from '@mmpt/registry';
import { register as registerTransforms } from '@mmpt/transforms';

/** Registries with every mmpt package registered (what a config may name). */
export function createAllRegistries(): Registries {
  const registries = createRegistries();
  for (const register of [registerTransforms, registerDatasets, registerModels, registerOptim, registerEvaluation, registerEngine]) register(registries);
  return registries;
}
