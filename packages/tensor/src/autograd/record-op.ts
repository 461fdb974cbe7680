import { isFloating } from '../core/dtype';
import { isGradEnabled } from '../core/engine';
import type { Tensor } from '../core/tensor';
import { type BackwardFunction, type GradEdge, GradNode } from './grad-node';
import { shareTensor } from './share-tensor';

/**
 * Records an op in the autograd graph when gradients are enabled and an input requires grad: the
 * output gets a {@link GradNode} whose backward function computes the inputs' gradients from the
 * output's with public ops. `saved` tensors are kept alive for backward (the backward function
 * receives them; it must not capture tensor handles itself). Without a backward function the op
 * is not differentiable and a backward pass through it is an error naming it. Returns `output`.
 */
export function recordOp(
  name: string,
  inputs: ReadonlyArray<Tensor | null | undefined>,
  output: Tensor,
  backward: BackwardFunction | undefined,
  saved: readonly Tensor[] = [],
): Tensor {
  if (!isGradEnabled() || !isFloating(output.dtype)) return output;
  let needed = false;
  const edges: GradEdge[] = inputs.map((input) => {
    if (!input || !input.requiresGrad) return null;
    needed = true;
    return input.gradFn ? { node: input.gradFn } : { leaf: input };
  });
  if (!needed) return output;
  const shapes = inputs.map((input) => input?.shape ?? []);
  output.gradFn = new GradNode(name, edges, shapes, backward, saved.map(shareTensor));
  output.requiresGrad = true;
  return output;
}

/** Whether an op on these inputs would record a graph. */
export function needsGrad(inputs: ReadonlyArray<Tensor | null | undefined>): boolean {
  return isGradEnabled() && inputs.some((input) => input?.requiresGrad === true);
}
