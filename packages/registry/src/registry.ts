import { buildFromConfig } from './build-from-config';
import { closestNames } from './closest-names';
import { RegistryError, UnknownTypeError } from './registry-error';
import { splitScopeKey } from './scope-key';
import type { Registries } from './root-registries';
import type { Buildable, BuildConfig, RegisterOptions } from './types';

/** The scope of registries created without a parent. */
export const DEFAULT_SCOPE = 'mmpt';

/** How a registry turns a config into an object; the default is {@link buildFromConfig}. */
export type BuildFunction<T> = (
  config: BuildConfig,
  registry: Registry<T>,
  defaults?: Record<string, unknown>,
) => T;

/** The options of `new Registry(...)`. */
export interface RegistryOptions<T> {
  /** What the registry holds, used in messages: `'model'`, `'dataset'`, ... */
  name: string;
  /**
   * The scope of the registry. A registry without a parent defaults to `'mmpt'`; a child registry
   * (a plugin's own) must name its scope, which must be unique among its parent's children.
   */
  scope?: string;
  /** The registry searched after this one; this registry becomes its child under `scope`. */
  parent?: Registry<any>;
  /** A custom build function; by default a child inherits its parent's. */
  build?: BuildFunction<T>;
}

/**
 * A registry maps names to classes (or factory functions) and builds objects from configs, with
 * the semantics of MMEngine's `Registry`: names are unique per registry, lookups fall back to the
 * parent registries, and a scoped name (`'myplugin.MyNet'`) routes to the registry of that scope.
 *
 * @example
 * const models = new Registry<Module>({ name: 'model' });
 * models.register(ResNet);
 * const net = models.build({ type: 'ResNet', depth: 50 });
 *
 * // a plugin's registry, searched before the root one
 * const pluginModels = new Registry<Module>({ name: 'model', scope: 'myplugin', parent: models });
 * pluginModels.register('MyNet', MyNet);
 * models.get('myplugin.MyNet'); // MyNet
 */
export class Registry<T = unknown> {
  readonly name: string;
  readonly scope: string;
  readonly parent: Registry<any> | undefined;
  readonly #modules = new Map<string, Buildable<T>>();
  readonly #children = new Map<string, Registry<any>>();
  readonly #build: BuildFunction<T> | undefined;
  /** The set of registries this one belongs to (set by `createRegistries`), given to built modules. */
  registries: Registries | undefined;

  constructor(options: RegistryOptions<T>) {
    this.name = options.name;
    this.parent = options.parent;
    this.#build = options.build;
    if (options.parent) {
      if (!options.scope) {
        throw new RegistryError(`The ${options.name} registry has a parent, so it needs its own "scope".`);
      }
      if (options.scope === options.parent.scope) {
        throw new RegistryError(
          `The ${options.name} registry cannot have the scope "${options.scope}" of its parent registry.`,
        );
      }
      this.scope = options.scope;
      options.parent.#addChild(this);
    } else {
      this.scope = options.scope ?? DEFAULT_SCOPE;
    }
  }

  /** The registries whose parent is this one, by scope. */
  get children(): ReadonlyMap<string, Registry<any>> {
    return this.#children;
  }

  /** The registry at the top of this one's parent chain. */
  get root(): Registry<any> {
    let registry: Registry<any> = this;
    while (registry.parent) registry = registry.parent;
    return registry;
  }

  /** The names registered in this registry itself (not its parents), in registration order. */
  keys(): string[] {
    return [...this.#modules.keys()];
  }

  /** The number of modules registered in this registry itself. */
  get size(): number {
    return this.#modules.size;
  }

  /** A short description for messages: `the model registry (scope "mmpt")`. */
  describe(): string {
    return `the ${this.name} registry (scope "${this.scope}")`;
  }

  /**
   * Registers a class or factory under its own name, or under one or more given names.
   * Registering a name twice is an error unless `force` is set. Returns the target, so a
   * registration can be written inline.
   *
   * @example
   * models.register(ResNet);
   * models.register('ResNet_CIFAR', ResNetCifar);
   * models.register(['Mixup', 'BatchMixup'], Mixup, { force: true });
   */
  register<C extends Buildable<T>>(target: C, options?: RegisterOptions): C;
  register<C extends Buildable<T>>(name: string | readonly string[], target: C, options?: RegisterOptions): C;
  register<C extends Buildable<T>>(
    first: string | readonly string[] | C,
    second?: C | RegisterOptions,
    third?: RegisterOptions,
  ): C {
    let names: readonly string[];
    let target: C;
    let options: RegisterOptions | undefined;
    if (typeof first === 'function') {
      target = first;
      options = second as RegisterOptions | undefined;
      if (!target.name) {
        throw new RegistryError(`Cannot register an anonymous function in ${this.describe()}: give it a name.`);
      }
      names = [target.name];
    } else {
      names = typeof first === 'string' ? [first] : first;
      target = second as C;
      options = third;
    }
    if (typeof target !== 'function') {
      throw new RegistryError(
        `Only a class or a function can be registered in ${this.describe()}, got ${typeof target} for "${names.join(', ')}".`,
      );
    }
    for (const name of names) {
      if (!name || name.includes('.')) {
        throw new RegistryError(
          `Invalid name "${name}" for ${this.describe()}: a name is not empty and has no "." (dots separate scopes).`,
        );
      }
      if (this.#modules.has(name) && !options?.force) {
        throw new RegistryError(
          `"${name}" is already registered in ${this.describe()}; pass { force: true } to replace it.`,
        );
      }
    }
    for (const name of names) this.#modules.set(name, target);
    return target;
  }

  /** Whether `key` resolves to a module, with the same search as {@link Registry.get}. */
  has(key: string): boolean {
    return this.#lookup(key) !== undefined;
  }

  /**
   * The module registered as `key`. An unscoped name (or one in this registry's scope) is
   * searched in this registry and then in its parents; a name of another scope is routed to the
   * registry of that scope, a child of this one or of the root. An unknown name throws an
   * {@link UnknownTypeError} that names the registry, the scope and the closest known names.
   */
  get(key: string): Buildable<T> {
    const found = this.#lookup(key);
    if (found) return found;
    const { scope, name } = splitScopeKey(key);
    let suggestions: string[];
    let where: Registry<any> = this;
    if (scope === undefined || scope === this.scope) {
      suggestions = closestNames(name, this.#visibleNames());
    } else {
      const target = this.#registryOfScope(scope);
      if (!target) {
        const scopes = [...this.root.#allScopes()];
        throw new UnknownTypeError(
          `"${key}" is not in ${this.describe()}: no registry has the scope "${scope}" (known scopes: ${scopes.join(', ')}).`,
          key,
          this.name,
          this.scope,
          [],
        );
      }
      where = target;
      suggestions = closestNames(name, target.#visibleNames()).map((candidate) => `${scope}.${candidate}`);
    }
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
    const plugin = where.size === 0 ? ' It is empty: was its package\'s register function called?' : '';
    throw new UnknownTypeError(
      `"${key}" is not registered in ${where.describe()}.${hint}${plugin}`,
      key,
      where.name,
      where.scope,
      suggestions,
    );
  }

  /**
   * Builds an object from a config (see {@link buildFromConfig}), or a list of objects from a list
   * of configs. `defaults` fill only the keys a config does not set.
   *
   * @example
   * const net = models.build({ type: 'ResNet', depth: 50 }, { in_channels: 3 });
   */
  build<R extends T = T>(config: BuildConfig, defaults?: Record<string, unknown>): R;
  build<R extends T = T>(config: readonly BuildConfig[], defaults?: Record<string, unknown>): R[];
  build<R extends T = T>(config: BuildConfig | readonly BuildConfig[], defaults?: Record<string, unknown>): R | R[] {
    if (Array.isArray(config)) return config.map((item) => this.build<R>(item as BuildConfig, defaults));
    if (config === null || typeof config !== 'object') {
      throw new RegistryError(`${this.describe()} builds from a config object, got ${config === null ? 'null' : typeof config}.`);
    }
    const build = this.#buildFunction();
    return build(config as BuildConfig, this, defaults) as R;
  }

  #buildFunction(): BuildFunction<T> {
    let registry: Registry<any> | undefined = this;
    while (registry) {
      if (registry.#build) return registry.#build as BuildFunction<T>;
      registry = registry.parent;
    }
    return buildFromConfig;
  }

  #addChild(child: Registry<any>): void {
    if (this.#children.has(child.scope)) {
      throw new RegistryError(`${this.describe()} already has a child registry with the scope "${child.scope}".`);
    }
    this.#children.set(child.scope, child);
  }

  #lookup(key: string): Buildable<T> | undefined {
    const { scope, name } = splitScopeKey(key);
    if (scope === undefined || scope === this.scope) {
      const own = this.#modules.get(name);
      if (own || scope !== undefined) return own;
      for (let parent = this.parent; parent; parent = parent.parent) {
        const found = parent.#modules.get(name);
        if (found) return found as Buildable<T>;
      }
      return undefined;
    }
    const target = this.#registryOfScope(scope);
    return target ? (target.#lookup(name) as Buildable<T> | undefined) : undefined;
  }

  /** The registry of `scope`: a child of this one, else the root or a registry below the root. */
  #registryOfScope(scope: string): Registry<any> | undefined {
    const child = this.#children.get(scope);
    if (child) return child;
    const root = this.root;
    if (root.scope === scope) return root;
    return root.#findDescendant(scope);
  }

  #findDescendant(scope: string): Registry<any> | undefined {
    for (const child of this.#children.values()) {
      if (child.scope === scope) return child;
      const found = child.#findDescendant(scope);
      if (found) return found;
    }
    return undefined;
  }

  *#allScopes(): Generator<string> {
    yield this.scope;
    for (const child of this.#children.values()) yield* child.#allScopes();
  }

  #visibleNames(): Set<string> {
    const names = new Set<string>(this.#modules.keys());
    for (let parent = this.parent; parent; parent = parent.parent) {
      for (const name of parent.#modules.keys()) names.add(name);
    }
    return names;
  }
}
