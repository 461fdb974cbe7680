import { isFloating } from '../core/dtype';
import { formatShape } from '../core/shape';
import type { Tensor as TensorType } from '../core/tensor';
import { Tensor } from '../core/tensor-methods';

/**
 * A tensor that a {@link Module} owns as a learnable weight, as `torch.nn.Parameter`: a leaf that
 * requires grad by default. A `Parameter` is a `Tensor` (ops, `grad` and `backward()` work on it)
 * and lives outside every `tidy` scope: the module that registers it frees it in `dispose()`.
 * Its identity is stable: `module.to(backend)`, `loadStateDict` and the init functions replace its
 * storage in place, so optimizers holding it stay valid.
 *
 * @example
 * const weight = new Parameter(zeros([3, 4])); // shares the storage of the zeros tensor
 * const taken = Parameter.take(zeros([3, 4])); // takes the storage over, disposing the handle
 */
export class Parameter extends Tensor {
  /**
   * A parameter sharing the storage of `data`, as `nn.Parameter(data)`; `data` stays valid and is
   * still the caller's to dispose.
   */
  constructor(data: TensorType, requiresGrad = true) {
    data.assertAlive('Parameter');
    if (requiresGrad && !isFloating(data.dtype)) {
      throw new TypeError(
        `Parameter: only floating point tensors can require gradients; got a ${data.dtype} tensor of shape ${formatShape(data.shape)} (pass requiresGrad = false)`,
      );
    }
    super(data.storage.retain(), data.shape, { inScope: false });
    this.requiresGrad = requiresGrad;
  }

  /** A parameter that takes over the storage of `data` and disposes the `data` handle. */
  static take(data: TensorType, requiresGrad = true): Parameter {
    const parameter = new Parameter(data, requiresGrad);
    data.dispose();
    return parameter;
  }
}
