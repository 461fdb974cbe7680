/**
 * An error in a config: a missing or unparsable file, a cycle of bases, a merge that cannot
 * happen, an override that cannot be applied. It names the file and, where there is one, the key.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(
    message: string,
    /** The config file concerned, when the error comes from one. */
    readonly file?: string,
    /** The dotted key concerned, when the error is about one. */
    readonly key?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
