import type { Backend } from '../core/backend';
import type { DType } from '../core/dtype';
import type { Shape } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { empty, full } from '../ops/creation';
import type { Generator } from '../random/generator';

/** Where a layer creates its parameters and buffers, and what its initialisation draws from. */
export interface LayerOptions {
  /** The backend of the parameters; the default backend when absent. */
  backend?: Backend;
  /** The dtype of the floating parameters (float32 by default). */
  dtype?: DType;
  /** The generator of the default initialisation; the default generator when absent. */
  generator?: Generator;
}

/** An uninitialised floating tensor for a parameter, as the options place it. */
export function emptyParameter(shape: Shape, options: LayerOptions): Tensor {
  return empty(shape, { dtype: options.dtype ?? 'float32', ...(options.backend ? { backend: options.backend } : {}) });
}

/** A floating tensor filled with `value`, as the options place it. */
export function filledTensor(shape: Shape, value: number, options: LayerOptions): Tensor {
  return full(shape, value, { dtype: options.dtype ?? 'float32', ...(options.backend ? { backend: options.backend } : {}) });
}
