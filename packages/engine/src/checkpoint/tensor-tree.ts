import { type HostTensor, Tensor, hostToTensor, tensorToHost } from '@mmpt/tensor';
import type { Backend } from '@mmpt/tensor';

/** A reference to a tensor stored in the optimizer's safetensors file. */
interface TensorReference {
  __tensor: string;
}

/**
 * Splits a state (the optimizer's) into a JSON-ready tree and its tensors: each tensor becomes
 * `{ "__tensor": "<path>" }` and its host copy is keyed by that path.
 */
export async function extractTensors(value: unknown, path = 'state', into = new Map<string, HostTensor>()): Promise<{ tree: unknown; tensors: Map<string, HostTensor> }> {
  const walk = async (item: unknown, at: string): Promise<unknown> => {
    if (item instanceof Tensor) {
      into.set(at, await tensorToHost(item));
      return { __tensor: at } satisfies TensorReference;
    }
    if (Array.isArray(item)) return Promise.all(item.map((entry, index) => walk(entry, `${at}.${index}`)));
    if (item && typeof item === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(item)) out[key] = await walk(entry, `${at}.${key}`);
      return out;
    }
    return item;
  };
  return { tree: await walk(value, path), tensors: into };
}

/** Rebuilds a state tree, uploading referenced tensors to a backend. */
export function restoreTensors(tree: unknown, tensors: ReadonlyMap<string, HostTensor>, backend: Backend, source: string): unknown {
  const walk = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(walk);
    if (item && typeof item === 'object') {
      const reference = (item as Partial<TensorReference>).__tensor;
      if (typeof reference === 'string') {
        const host = tensors.get(reference);
        if (!host) throw new Error(`${source}: the optimizer state refers to the tensor "${reference}", which the checkpoint does not hold`);
        return hostToTensor(host, backend);
      }
      return Object.fromEntries(Object.entries(item).map(([key, entry]) => [key, walk(entry)]));
    }
    return item;
  };
  return walk(tree);
}
