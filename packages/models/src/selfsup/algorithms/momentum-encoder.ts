import type { BuildContext } from '@mmpt/registry';
import { type AnyModule, Module } from '@mmpt/tensor';
import type { BaseSelfSupervisorOptions, ModuleInput } from '../base-self-supervisor';
import { FeatureSequential } from '../utils/feature-sequential';

/**
 * A fresh `nn.Sequential(backbone, neck)` built from the algorithm's configs, to be the averaged
 * copy of a momentum encoder (MMEngine deep-copies the online modules; a module cannot be copied
 * here, so the same configs are built again and the first update copies the online values).
 */
export function buildEncoderCopy(options: BaseSelfSupervisorOptions, context: BuildContext | undefined, owner: string): FeatureSequential {
  const build = (value: ModuleInput | null | undefined, name: string): AnyModule | null => {
    if (value === null || value === undefined) return null;
    if (value instanceof Module) {
      throw new TypeError(`${owner}: the momentum encoder is built from the ${name} config, but ${name} was given as a built module; pass its config`);
    }
    const registries = context?.registries;
    if (!registries) throw new Error(`${owner}: building the momentum encoder needs the registries; build ${owner} through registries.models.build(...)`);
    return registries.models.build(structuredCloneConfig(value)) as AnyModule;
  };
  return new FeatureSequential([build(options.backbone, 'backbone'), build(options.neck, 'neck')]);
}

/** A deep copy of a plain config (classes and functions given as `type` are kept as they are). */
function structuredCloneConfig<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => structuredCloneConfig(item)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, structuredCloneConfig(item)])) as T;
  }
  return value;
}
