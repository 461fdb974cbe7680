/** An error raised by a registry: a duplicate name, an unknown type or a failed build. */
export class RegistryError extends Error {
  override name = 'RegistryError';
}

/** A `type` that no registry in the searched scope knows. */
export class UnknownTypeError extends RegistryError {
  override name = 'UnknownTypeError';

  constructor(
    message: string,
    /** The name that was looked up, with its scope prefix if it had one. */
    readonly key: string,
    /** The registry that was asked. */
    readonly registry: string,
    /** The scope of that registry. */
    readonly scope: string,
    /** Known names close to the key. */
    readonly suggestions: readonly string[],
  ) {
    super(message);
  }
}
