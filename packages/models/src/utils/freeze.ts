import { type AnyModule, BatchNorm } from '@mmpt/tensor';

/** Puts the given modules in eval mode and stops their gradients. */
export function freezeModules(modules: readonly AnyModule[]): void {
  for (const module of modules) {
    module.eval();
    for (const parameter of module.parameters()) parameter.requiresGrad = false;
  }
}

/** Puts every BatchNorm below `root` in eval mode (`norm_eval`). */
export function evalNorms(root: AnyModule): void {
  for (const module of root.modules()) if (module instanceof BatchNorm) module.eval();
}
