import type { InterpolateMode } from '@mmpt/tensor';
import { type GpuKernel, gridFor } from './kernel-context';
import { adjointTable, axisTaps, forwardTable } from './interpolate-taps';
import { interpolateAdjointWgsl, interpolateWgsl } from './interpolate.wgsl';

type InterpolateAttributes = { mode: InterpolateMode; alignCorners: boolean };

/** Resizes the last two axes of NCHW input to the output's size (taps computed on the host, cached on the GPU). */
export const interpolateKernel: GpuKernel<InterpolateAttributes> = (context, [input], [output], { mode, alignCorners }) => {
  const [, , height, width] = input!.shape as [number, number, number, number];
  const [, , outH, outW] = output!.shape as [number, number, number, number];
  const key = `interpolate|${mode}|${alignCorners}|${height}>${outH}|${width}>${outW}`;
  const taps = context.table(key, () => {
    const rows = forwardTable(axisTaps(mode, height, outH, alignCorners));
    const columns = forwardTable(axisTaps(mode, width, outW, alignCorners));
    const table = new Uint32Array(rows.length + columns.length);
    table.set(rows, 0);
    table.set(columns, rows.length);
    return table;
  });
  const count = mode === 'nearest' ? 1 : mode === 'bilinear' ? 2 : 4;
  const dtype = output!.dtype;
  context.dispatch(
    { kernel: context.kernel, key: dtype, storage: ['read', 'read', 'read_write'], wgsl: () => interpolateWgsl(dtype) },
    [output!.size, height, width, outH, outW, count, 2 * outH * count],
    [input!.storage, taps, output!.storage],
    gridFor(output!.size, 256, context.maxWorkgroupsPerDimension),
  );
};

/** The gradient of {@link interpolateKernel}: the adjoint of the column taps, then of the row taps (deterministic, no atomics). */
export const interpolateBackwardKernel: GpuKernel<InterpolateAttributes> = (context, [gradOutput], [gradInput], { mode, alignCorners }) => {
  const [batch, channels, height, width] = gradInput!.shape as [number, number, number, number];
  const [, , outH, outW] = gradOutput!.shape as [number, number, number, number];
  const dtype = gradInput!.dtype;
  const adjoint = (inSize: number, outSize: number) =>
    context.table(`interpolate adjoint|${mode}|${alignCorners}|${inSize}>${outSize}`, () => adjointTable(axisTaps(mode, inSize, outSize, alignCorners), inSize));
  const entries = (outSize: number) => outSize * (mode === 'nearest' ? 1 : mode === 'bilinear' ? 2 : 4);
  const program = { kernel: context.kernel, key: dtype, storage: ['read', 'read', 'read_write'] as const, wgsl: () => interpolateAdjointWgsl(dtype) };
  const planes = batch * channels;
  const middle = context.temporary(dtype, planes * outH * width);
  const columnsCount = planes * outH * width;
  context.dispatch({ ...program, storage: [...program.storage] }, [columnsCount, width, outW, 1, entries(outW)], [gradOutput!.storage, adjoint(width, outW), middle], gridFor(columnsCount, 256, context.maxWorkgroupsPerDimension));
  context.dispatch(
    { ...program, storage: [...program.storage] },
    [gradInput!.size, height, outH, width, entries(outH)],
    [middle, adjoint(height, outH), gradInput!.storage],
    gridFor(gradInput!.size, 256, context.maxWorkgroupsPerDimension),
  );
  context.release(middle);
};
