import type { AnyModule, Tensor } from '@mmpt/tensor';

/**
 * Runs `x` through layers in turn, disposing each intermediate (never `x` itself): the usual body
 * of a forward pass that does not need its intermediates afterwards (autograd keeps its own).
 */
export function chain(x: Tensor, ...layers: Array<AnyModule | null | undefined>): Tensor {
  let out = x;
  for (const layer of layers) {
    if (!layer) continue;
    const next = layer.forward(out) as Tensor;
    if (out !== x) out.dispose();
    out = next;
  }
  return out;
}
