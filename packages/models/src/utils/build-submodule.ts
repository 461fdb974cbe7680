import type { BuildConfig, BuildContext } from '@mmpt/registry';
import { type AnyModule, Module } from '@mmpt/tensor';

/**
 * A submodule from a config or an instance: a built module is used as it is; a config is built
 * through the models registry of the build context (a module built with `new` directly must be
 * given built submodules).
 */
export function buildSubmodule<M extends AnyModule = AnyModule>(value: BuildConfig | AnyModule, context: BuildContext | undefined, where: string): M {
  if (value instanceof Module) return value as M;
  const registries = context?.registries;
  if (!registries) {
    throw new Error(`${where}: got a config (${JSON.stringify(value)}) but no registries to build it; build this module through registries.models.build(...) or pass a built module`);
  }
  return registries.models.build(value) as M;
}
