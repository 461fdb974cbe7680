/**
 * The indices of `values` from the highest value to the lowest. Equal values keep their index
 * order (a stable sort), so a tie goes to the lowest index, as `argmax` and a stable
 * `torch.sort(descending=True)` do; NaN ranks above every number, as in PyTorch.
 *
 * PyTorch's `topk` orders ties in an unspecified way that depends on the input size; mmpt fixes
 * the order to this one so that results do not depend on an implementation detail.
 */
export function descendingOrder(values: ArrayLike<number>, offset = 0, length = values.length - offset): number[] {
  const order = Array.from({ length }, (_, index) => index);
  order.sort((a, b) => {
    const x = values[offset + a] as number;
    const y = values[offset + b] as number;
    const xNaN = Number.isNaN(x);
    const yNaN = Number.isNaN(y);
    if (xNaN || yNaN) return xNaN === yNaN ? a - b : xNaN ? -1 : 1;
    return y - x || a - b;
  });
  return order;
}

/** The indices of the `k` highest values, highest first; ties go to the lowest index. */
export function topkIndices(values: ArrayLike<number>, k: number, offset = 0, length = values.length - offset): number[] {
  return descendingOrder(values, offset, length).slice(0, k);
}
