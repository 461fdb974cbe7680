import { type Tensor, cast, clone, isFloating, keep, noGrad, tensor, tidy } from '@mmpt/tensor';

/**
 * A copy of a saved state tensor placed like `param`: on its backend and, for floating state, in
 * its dtype (as `Optimizer.load_state_dict` casts state). The copy is outside every `tidy` scope:
 * the optimizer that holds it disposes it.
 */
export function copyStateTensor(value: Tensor, param: Tensor, owner: string): Tensor {
  return keep(
    noGrad(() =>
      tidy(() => {
        let placed: Tensor;
        if (value.backend === param.backend) placed = clone(value);
        else {
          if (!value.backend.readSync) {
            throw new Error(
              `${owner}.loadStateDict: a state tensor on the ${value.backend.name} backend cannot be copied to the ${param.backend.name} backend synchronously; move the state dict to the CPU backend first`,
            );
          }
          placed = tensor(value.dataSync(), { shape: value.shape, dtype: value.dtype, backend: param.backend });
        }
        if (isFloating(value.dtype) && isFloating(param.dtype) && placed.dtype !== param.dtype) placed = cast(placed, param.dtype);
        return placed;
      }),
    ),
  );
}
