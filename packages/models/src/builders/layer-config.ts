/** A layer config as MMCV's builders take it: a `type` and the layer's options. */
export interface LayerConfig {
  type: string;
  [key: string]: unknown;
}

/** Reads an option of a layer config, with a default, checking its type. */
export function option<T>(config: LayerConfig, key: string, fallback: T): T {
  const value = config[key];
  if (value === undefined) return fallback;
  if (fallback !== undefined && fallback !== null && typeof value !== typeof fallback) {
    throw new TypeError(`${config.type}: option "${key}" must be a ${typeof fallback}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}
