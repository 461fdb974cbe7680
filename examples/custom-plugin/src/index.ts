import type { Registries } from '@mmpt/registry';
import { DigitNet } from './digit-net';
import { ErrorRate } from './error-rate';
import { GaussianNoise } from './gaussian-noise';

export { DigitNet } from './digit-net';
export type { DigitNetOptions } from './digit-net';
export { GaussianNoise } from './gaussian-noise';
export type { GaussianNoiseOptions } from './gaussian-noise';
export { ErrorRate } from './error-rate';

/**
 * The plugin's entry point: a config's `custom_imports` (or `importPlugins`) imports this module
 * and calls `register` with the registries, which makes `DigitNet`, `GaussianNoise` and
 * `ErrorRate` usable as `type` names in the config.
 */
export function register(registries: Registries): void {
  registries.models.register(DigitNet);
  registries.transforms.register(GaussianNoise);
  registries.metrics.register(ErrorRate);
}
