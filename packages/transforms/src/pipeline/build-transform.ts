import { type BuildConfig, type Registry, createRegistries } from '@mmpt/registry';
import { register } from '../register';
import type { Transform, TransformFunction } from './transform';

/** A transform, a transform function, or a config that a registry builds into one. */
export type TransformLike = Transform | TransformFunction | BuildConfig;

let fallbackRegistry: Registry | undefined;

/**
 * The registry wrappers build nested configs with when none was given: a private registry holding
 * this package's transforms, created on first use (nothing is registered on import).
 */
export function defaultTransformRegistry(): Registry {
  if (!fallbackRegistry) {
    const registries = createRegistries();
    register(registries);
    fallbackRegistry = registries.transforms;
  }
  return fallbackRegistry;
}

/** Whether a value is a transform object. */
export function isTransform(value: unknown): value is Transform {
  return value !== null && typeof value === 'object' && typeof (value as { transform?: unknown }).transform === 'function';
}

/**
 * Turns a transform, a function or a config into a transform (configs are built with `registry`,
 * or this package's own transforms when none is given).
 *
 * @example
 * resolveTransform({ type: 'RandomFlip', prob: 0.5 }, registries.transforms);
 */
export function resolveTransform(like: TransformLike, registry: Registry | undefined, owner: string): Transform {
  if (isTransform(like)) return like;
  if (typeof like === 'function') return { transform: like as TransformFunction };
  if (like !== null && typeof like === 'object' && !Array.isArray(like)) {
    const built = (registry ?? defaultTransformRegistry()).build(like as BuildConfig);
    if (!isTransform(built)) {
      throw new TypeError(`${owner}: the config ${JSON.stringify((like as BuildConfig).type)} did not build a transform (no transform method)`);
    }
    return built;
  }
  throw new TypeError(`${owner}: a transform must be a transform object, a function or a config, got ${Array.isArray(like) ? 'an array' : typeof like}`);
}

/** {@link resolveTransform} over one item or a list. */
export function resolveTransforms(likes: TransformLike | readonly TransformLike[], registry: Registry | undefined, owner: string): Transform[] {
  const list = Array.isArray(likes) ? (likes as readonly TransformLike[]) : [likes as TransformLike];
  return list.map((like) => resolveTransform(like, registry, owner));
}
