import { enableGrad, noGrad, tidy } from '../core/engine';
import { isFloating } from '../core/dtype';
import type { Tensor } from '../core/tensor';
import { concat, split } from '../ops/join';
import { flatten, reshape } from '../ops/reshape';
import { type Generator, defaultGenerator } from '../random/generator';
import { backward } from './backward';
import { needsGrad, recordOp } from './record-op';
import { viewTensor } from './share-tensor';

/** The options of {@link checkpoint}. */
export interface CheckpointOptions {
  /**
   * Replay the random numbers of the forward pass when `fn` is recomputed in backward (default
   * true), as PyTorch's `preserve_rng_state`: the state of the default generator and of
   * `generators` is saved before the forward pass and restored for the recompute (and the state
   * they had before the recompute is put back after it).
   */
  preserveRngState?: boolean;
  /** Generators besides the default one that `fn` draws from (a module's own `generator`). */
  generators?: readonly Generator[];
}

/**
 * Gradient checkpointing, as `torch.utils.checkpoint.checkpoint`: runs `fn(...inputs)` without
 * recording the graph, so its intermediate activations are freed at once, and records a single
 * op whose backward runs `fn` again with the graph recorded (on detached copies of the inputs),
 * back-propagates the incoming gradient through it (accumulating into the `grad` of every
 * parameter `fn` uses, as without checkpointing) and returns the inputs' gradients. Trades a
 * second forward pass of `fn` for the memory of its activations.
 *
 * Random numbers drawn in `fn` (dropout, drop path) are replayed in the recompute when they come
 * from the default generator or from `options.generators`. Side effects of `fn` happen twice, as
 * in PyTorch: a training-mode batch norm in `fn` updates its running statistics in the forward
 * pass and again in the recompute.
 *
 * `fn` may return a tensor or an array of tensors; they are returned as new handles (recorded as
 * one op for several outputs). When grad is disabled or no input requires grad, `fn` simply runs as it is
 * (nothing is saved then: the parameters of `fn` still get their gradients).
 *
 * @example
 * const y = training && x.requiresGrad ? checkpoint((input) => block.forward(input), [x]) : block.forward(x);
 */
export function checkpoint<T extends Tensor | Tensor[]>(fn: (...inputs: Tensor[]) => T, inputs: Tensor[], options: CheckpointOptions = {}): T {
  if (!needsGrad(inputs)) return fn(...inputs);
  for (const [index, input] of inputs.entries()) input.assertAlive(`checkpoint input ${index}`);
  const generators = options.preserveRngState === false ? [] : [...new Set([defaultGenerator, ...(options.generators ?? [])])];
  const forwardStates = generators.map((generator) => generator.getState());
  const requiresGrad = inputs.map((input) => input.requiresGrad);

  // The forward pass: everything fn creates is freed here except its outputs, which are kept as
  // new handles (an output fn did not create, such as an input, stays as it is).
  let many = false;
  const outputs = tidy(() =>
    noGrad(() => {
      const value = fn(...inputs);
      many = Array.isArray(value);
      return (many ? (value as Tensor[]) : [value as Tensor]).map((output) => viewTensor(output, output.shape));
    }),
  );
  const recorded = outputs.map((output) => isFloating(output.dtype));

  const backwardFunction = (gradient: Tensor, saved: readonly Tensor[]): Array<Tensor | null> => {
    const currentStates = generators.map((generator) => generator.getState());
    generators.forEach((generator, index) => generator.setState(forwardStates[index] as number[]));
    try {
      return tidy(() => {
        const detached = saved.map((input, index) => {
          const copy = viewTensor(input, input.shape);
          copy.requiresGrad = requiresGrad[index] === true && isFloating(copy.dtype);
          return copy;
        });
        const recomputed = enableGrad(() => fn(...detached));
        const recomputedOutputs = Array.isArray(recomputed) ? recomputed : [recomputed];
        if (recomputedOutputs.length !== outputs.length) {
          throw new Error(`checkpoint: the recompute returned ${recomputedOutputs.length} outputs, the forward pass ${outputs.length}`);
        }
        const root = many ? enableGrad(() => packOutputs(recomputedOutputs.filter((_, index) => recorded[index]))) : (recomputedOutputs[0] as Tensor);
        if (!root.requiresGrad) return detached.map(() => null);
        backward(root, gradient);
        return detached.map((copy) => {
          const value = copy.grad as Tensor | null;
          copy.grad = null;
          return value;
        });
      });
    } finally {
      generators.forEach((generator, index) => generator.setState(currentStates[index] as number[]));
    }
  };

  if (!many) return recordOp('checkpoint', inputs, outputs[0] as Tensor, backwardFunction, inputs) as T;
  // Several outputs: one op records their concatenation, and each output is a piece of it.
  const floating = outputs.filter((_, index) => recorded[index]);
  if (floating.length === 0) return outputs as T;
  const packed = recordOp('checkpoint', inputs, noGrad(() => packOutputs(floating)), backwardFunction, inputs);
  const pieces = split(packed, floating.map((output) => output.size));
  packed.dispose();
  let next = 0;
  const results = outputs.map((output, index) => {
    if (!recorded[index]) return output;
    const piece = pieces[next++] as Tensor;
    const shaped = reshape(piece, output.shape);
    piece.dispose();
    output.dispose();
    return shaped;
  });
  return results as T;
}

/** One new flat tensor holding the values of `outputs` in turn. */
function packOutputs(outputs: readonly Tensor[]): Tensor {
  if (outputs.length === 1) return flatten(outputs[0] as Tensor);
  const flat = outputs.map((output) => flatten(output));
  const packed = concat(flat);
  for (const piece of flat) piece.dispose();
  return packed;
}
