/**
 * What a registry passes as the second argument when it builds an object: the registry itself and
 * the set of registries it belongs to, so that a module can build the nested configs it holds
 * (a classifier its backbone, a dataset its pipeline).
 */
export interface BuildContext {
  registry: import('./registry').Registry<any>;
  registries: import('./root-registries').Registries | undefined;
}

/** A class whose constructor takes one options object (and the build context), as every registered mmpt module does. */
export type Constructor<T = unknown> = new (options: any, context?: BuildContext) => T;

/** A plain function that builds an object from its options, registered like a class. */
export type Factory<T = unknown> = (options: any, context?: BuildContext) => T;

/** Anything a registry can hold and build: a class or a factory function. */
export type Buildable<T = unknown> = Constructor<T> | Factory<T>;

/**
 * A config that a registry builds: `type` names a registered module (optionally scoped,
 * `'mmpt.ResNet'`) or is the class or factory itself; every other key is passed to it as options.
 * Keys keep MMPretrain's names (`data_prefix`, `ann_file`, ...).
 */
export interface BuildConfig {
  type?: string | Buildable;
  [key: string]: unknown;
}

/**
 * The config of one class, type-checked against its constructor's options.
 *
 * @example
 * const backbone = { type: ResNet, depth: 50 } satisfies ConfigFor<typeof ResNet>;
 */
export type ConfigFor<C extends Buildable> = { type: C } & (C extends new (options: infer O) => unknown
  ? O
  : C extends (options: infer O) => unknown
    ? O
    : never);

/** The options of `register`. */
export interface RegisterOptions {
  /** Replace a module already registered under the same name instead of failing. */
  force?: boolean;
}
