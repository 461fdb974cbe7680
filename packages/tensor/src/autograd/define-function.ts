import { noGrad } from '../core/engine';
import type { Tensor } from '../core/tensor';
import { recordOp } from './record-op';

/** What a custom function's forward and backward share, as PyTorch's `ctx`. */
export interface FunctionContext {
  /** Keeps tensors for backward. */
  saveForBackward(...tensors: Tensor[]): void;
  /** The tensors saved by forward (valid only in backward). */
  readonly saved: readonly Tensor[];
  /** Free-form values (numbers, shapes) forward wants backward to know. */
  readonly values: Record<string, unknown>;
}

/** A user-defined differentiable op, as `torch.autograd.Function`. */
export interface FunctionDefinition {
  /** The op's name, used in messages. */
  name: string;
  /** Computes the output from the inputs (runs without recording a graph). */
  forward(context: FunctionContext, ...inputs: Tensor[]): Tensor;
  /** The gradient of each input (or null) from the gradient of the output. */
  backward(context: FunctionContext, grad: Tensor): ReadonlyArray<Tensor | null>;
}

/**
 * Defines a custom differentiable op from a forward and a backward function.
 *
 * @example
 * const square = defineFunction({
 *   name: 'mySquare',
 *   forward: (ctx, x) => { ctx.saveForBackward(x); return mul(x, x); },
 *   backward: (ctx, grad) => [mul(grad, mul(ctx.saved[0]!, 2))],
 * });
 * const y = square.apply(x);
 */
export function defineFunction(definition: FunctionDefinition): { apply: (...inputs: Tensor[]) => Tensor } {
  return {
    apply: (...inputs: Tensor[]): Tensor => {
      const toSave: Tensor[] = [];
      const values: Record<string, unknown> = {};
      const forwardContext: FunctionContext = {
        saveForBackward: (...tensors) => toSave.push(...tensors),
        get saved(): readonly Tensor[] {
          throw new Error(`${definition.name}: saved tensors are only available in backward`);
        },
        values,
      };
      const output = noGrad(() => definition.forward(forwardContext, ...inputs));
      return recordOp(
        definition.name,
        inputs,
        output,
        (grad, saved) => {
          const backwardContext: FunctionContext = {
            saveForBackward: () => {
              throw new Error(`${definition.name}: saveForBackward is only available in forward`);
            },
            saved,
            values,
          };
          return definition.backward(backwardContext, grad);
        },
        toSave,
      );
    },
  };
}
