import { isClass } from './is-class';
import type { Registry } from './registry';
import { RegistryError } from './registry-error';
import type { Buildable, BuildConfig, BuildContext } from './types';

/**
 * The default way a registry builds a config, as MMEngine's `build_from_cfg`: `type` is looked up
 * (or used as given when it is a class or a function), `defaults` fill only the keys the config
 * does not set, and every remaining key goes to the constructor as one options object, followed by
 * a {@link BuildContext} (the registry and its set of registries). Nested
 * configs are passed through as data: the built class decides what to build from them.
 */
export function buildFromConfig<T>(
  config: BuildConfig,
  registry: Registry<T>,
  defaults?: Record<string, unknown>,
): T {
  const options: Record<string, unknown> = { ...config };
  if (defaults) {
    for (const [key, value] of Object.entries(defaults)) {
      if (!(key in options)) options[key] = value;
    }
  }
  const type = options.type;
  delete options.type;
  if (type === undefined) {
    throw new RegistryError(
      `${registry.describe()}: the config has no "type" key and no default type was given: ${preview(config)}`,
    );
  }
  let target: Buildable;
  if (typeof type === 'string') target = registry.get(type);
  else if (typeof type === 'function') target = type as Buildable;
  else {
    throw new RegistryError(
      `${registry.describe()}: "type" must be a registered name or a class, got ${typeof type} ${preview(type)}`,
    );
  }
  const label = typeof type === 'string' ? type : type.name || '<anonymous>';
  try {
    const context: BuildContext = { registry, registries: registry.registries };
    if (isClass(target)) return new (target as new (options: unknown, context: BuildContext) => T)(options, context);
    return (target as (options: unknown, context: BuildContext) => T)(options, context);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RegistryError(`Failed to build ${label} from ${registry.describe()}: ${reason}`, { cause: error });
  }
}

function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 200)}...` : text;
  } catch {
    return String(value);
  }
}
