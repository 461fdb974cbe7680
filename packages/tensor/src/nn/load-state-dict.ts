import { noGrad } from '../core/engine';
import { formatShape, shapesEqual } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { cast } from '../ops/cast';
import { clone } from '../ops/copy';
import { fromHost } from '../ops/creation';

/** A state dict to load: a `Map` (as `stateDict()` returns) or a plain object of name to tensor. */
export type StateDict = ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>;

/** The options of `loadStateDict`. */
export interface LoadStateDictOptions {
  /** Whether missing or unexpected keys are an error (default true). */
  strict?: boolean;
}

/** The keys that did not match, as PyTorch's `load_state_dict` returns them. */
export interface LoadStateDictResult {
  /** Entries of the module that the dict lacks, in the module's order. */
  missingKeys: string[];
  /** Keys of the dict the module does not have, in the dict's order. */
  unexpectedKeys: string[];
}

/**
 * Copies the values of `dict` into the tensors of `target` (a module's state dict) in place.
 * Everything is checked before anything is copied.
 */
export function loadStateDictInto(
  target: ReadonlyMap<string, Tensor>,
  dict: StateDict,
  moduleName: string,
  options: LoadStateDictOptions,
): LoadStateDictResult {
  const entries: ReadonlyMap<string, Tensor> = dict instanceof Map ? dict : new Map(Object.entries(dict));
  const missingKeys = [...target.keys()].filter((key) => !entries.has(key));
  const unexpectedKeys = [...entries.keys()].filter((key) => !target.has(key));
  const errors: string[] = [];
  const strict = options.strict ?? true;
  if (strict && missingKeys.length > 0) errors.push(`missing keys: ${missingKeys.map((key) => `"${key}"`).join(', ')}`);
  if (strict && unexpectedKeys.length > 0) errors.push(`unexpected keys: ${unexpectedKeys.map((key) => `"${key}"`).join(', ')}`);
  const pairs: Array<[Tensor, Tensor]> = [];
  for (const [key, destination] of target) {
    const source = entries.get(key);
    if (!source) continue;
    if (source.isDisposed) {
      errors.push(`the value of "${key}" was disposed`);
    } else if (!shapesEqual(source.shape, destination.shape)) {
      errors.push(
        `size mismatch for "${key}": the state dict has shape ${formatShape(source.shape)}, the module has ${formatShape(destination.shape)}`,
      );
    } else if (destination.backend !== source.backend && !source.backend.readSync) {
      errors.push(
        `"${key}" is on ${source.device} and the module on ${destination.device}; move the state dict with await t.to(backend) first`,
      );
    } else pairs.push([destination, source]);
  }
  if (errors.length > 0) {
    throw new Error(`loadStateDict: error(s) in loading the state dict for ${moduleName}:\n  ${errors.join('\n  ')}`);
  }
  for (const [destination, source] of pairs) assignValues(destination, source);
  return { missingKeys, unexpectedKeys };
}

/**
 * Replaces the values of `destination` with a copy of `source` (same shape; cast to the
 * destination's dtype and copied to its backend), keeping the handle's identity.
 */
export function assignValues(destination: Tensor, source: Tensor): void {
  noGrad(() => {
    let copy: Tensor;
    if (source.backend === destination.backend) copy = clone(source);
    else copy = fromHost(source.dataSync(), source.shape, source.dtype, { backend: destination.backend });
    if (copy.dtype !== destination.dtype) {
      const converted = cast(copy, destination.dtype);
      copy.dispose();
      copy = converted;
    }
    destination.replaceStorage(copy.storage);
    copy.dispose();
  });
}
