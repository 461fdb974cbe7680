import type { Registry } from '@mmpt/registry';

/**
 * A subclass of a transform class (same name and statics) whose configs build their nested
 * transforms with `registry` unless a config names another one.
 */
export function bindRegistry<C extends abstract new (options: any) => unknown>(target: C, registry: Registry): C {
  const Base = target as unknown as new (options: Record<string, unknown>) => object;
  const bound = class extends Base {
    constructor(options: Record<string, unknown>) {
      super({ registry, ...(options ?? {}) });
    }
  };
  Object.defineProperty(bound, 'name', { value: target.name });
  return bound as unknown as C;
}
