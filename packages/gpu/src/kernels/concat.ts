import { concatWgsl } from './concat.wgsl';
import { copyClass, copyDType } from './element-copy';
import { type GpuKernel, gridFor } from './kernel-context';

/** Concatenation along an axis: one copy (or one dispatch) per input. */
export const concatKernel: GpuKernel<{ axis: number }> = (context, inputs, [output], { axis }) => {
  const shape = output!.shape;
  const outer = shape.slice(0, axis).reduce((total, size) => total * size, 1);
  const rowLength = shape.slice(axis).reduce((total, size) => total * size, 1);
  const dtype = output!.dtype;
  let column = 0;
  for (const input of inputs) {
    const chunk = input.shape.slice(axis).reduce((total, size) => total * size, 1);
    if (input.size > 0) {
      if (outer === 1 && copyClass(dtype) === 'word') context.copy(input.storage, 0, output!.storage, column * 4, chunk * 4);
      else {
        const copyType = copyDType(dtype);
        context.dispatch(
          { kernel: context.kernel, key: copyClass(dtype), storage: ['read', 'read_write'], wgsl: () => concatWgsl(copyType) },
          [input.size, chunk, rowLength, column],
          [input.storage, output!.storage],
          gridFor(input.size, 256, context.maxWorkgroupsPerDimension),
        );
      }
    }
    column += chunk;
  }
};
