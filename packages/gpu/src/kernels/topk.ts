import { type GpuKernel, gridFor } from './kernel-context';
import { topkWgsl } from './topk.wgsl';

/** The k largest (or smallest) values of each last-axis row, sorted, with their int32 indices. */
export const topkKernel: GpuKernel<{ k: number; largest: boolean }> = (context, [input], [values, indices], { k, largest }) => {
  const length = input!.shape[input!.shape.length - 1] ?? 1;
  const rows = length === 0 ? 0 : input!.size / length;
  if (rows === 0 || k === 0) return;
  context.dispatch(
    { kernel: context.kernel, key: `${input!.dtype}|${largest ? 'largest' : 'smallest'}`, storage: ['read', 'read_write', 'read_write'], wgsl: () => topkWgsl(input!.dtype, largest) },
    [rows, length, k],
    [input!.storage, values!.storage, indices!.storage],
    gridFor(rows * length, 256, context.maxWorkgroupsPerDimension),
  );
};
