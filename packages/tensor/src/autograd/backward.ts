import { keep, noGrad } from '../core/engine';
import { formatShape, shapesEqual } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { add } from '../ops/arithmetic';
import { onesLike } from '../ops/creation';
import type { GradNode } from './grad-node';
import { viewTensor } from './share-tensor';

/** The options of a backward pass. */
export interface BackwardOptions {
  /** Keep the saved tensors, so that the graph can be walked again. */
  retainGraph?: boolean;
}

/**
 * Computes the gradient of `root` with respect to every leaf that requires grad and accumulates it
 * into the leaf's `grad`. `gradient` is required unless `root` has one element.
 *
 * @example
 * const loss = mean(square(sub(model.forward(x), y)));
 * backward(loss); // or loss.backward()
 */
export function backward(root: Tensor, gradient?: Tensor, options: BackwardOptions = {}): void {
  runBackward([root], gradient ? [gradient] : undefined, options, undefined);
}

/** The options of {@link grad}. */
export interface GradOptions extends BackwardOptions {
  /** Return `null` for an input the outputs do not depend on, instead of throwing. */
  allowUnused?: boolean;
}

/**
 * The gradients of `outputs` with respect to `inputs`, as `torch.autograd.grad`, without touching
 * any `grad` field.
 *
 * @example
 * const [dx] = grad(sum(mul(x, x)), [x]); // 2x
 */
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: readonly Tensor[],
  gradOutputs?: readonly Tensor[],
  options: GradOptions = {},
): Array<Tensor | null> {
  const targets = new Map<Tensor, Tensor | null>(inputs.map((input) => [input, null]));
  for (const input of inputs) {
    if (!input.requiresGrad) throw new Error(`grad: input (shape ${formatShape(input.shape)}) does not require grad`);
    if (input.gradFn) {
      throw new Error('grad: every input must be a leaf (a tensor created with requiresGrad, not the result of an op)');
    }
  }
  runBackward(Array.isArray(outputs) ? outputs : [outputs as Tensor], gradOutputs, options, targets);
  return inputs.map((input, index) => {
    const value = targets.get(input) ?? null;
    if (!value && !options.allowUnused) {
      throw new Error(`grad: input ${index} was not used to compute the outputs; pass { allowUnused: true } to get null`);
    }
    return value;
  });
}

function runBackward(
  roots: readonly Tensor[],
  gradients: readonly Tensor[] | undefined,
  options: BackwardOptions,
  targets: Map<Tensor, Tensor | null> | undefined,
): void {
  const pending = new Map<GradNode, Tensor>();
  const rootNodes: GradNode[] = [];
  const accumulate = (into: Map<GradNode, Tensor>, node: GradNode, value: Tensor): void => {
    const previous = into.get(node);
    if (!previous) into.set(node, value);
    else {
      into.set(node, add(previous, value));
      previous.dispose();
      value.dispose();
    }
  };
  noGrad(() => {
    // Whatever happens (an error in a backward function, a second backward), the gradients
    // still pending are released.
    try {
      walk();
    } finally {
      for (const leftover of pending.values()) leftover.dispose();
    }
  });

  function walk(): void {
    for (const [index, root] of roots.entries()) {
      root.assertAlive('backward');
      if (!root.requiresGrad) {
        throw new Error(`backward: output ${index} does not require grad and has no gradient function`);
      }
      let seed = gradients?.[index];
      if (seed) {
        if (!shapesEqual(seed.shape, root.shape)) {
          throw new Error(`backward: the gradient has shape ${formatShape(seed.shape)} but the output has ${formatShape(root.shape)}`);
        }
        seed = viewTensor(seed, seed.shape);
      } else {
        if (root.size !== 1) {
          throw new Error(`backward: a gradient can be implied only for an output of one element; this one has shape ${formatShape(root.shape)}`);
        }
        seed = onesLike(root);
      }
      if (root.gradFn) {
        if (!rootNodes.includes(root.gradFn)) rootNodes.push(root.gradFn);
        accumulate(pending, root.gradFn, seed);
      } else {
        deliverToLeaf(root, seed, targets);
      }
    }
    const dependencies = countDependencies(rootNodes);
    const ready = rootNodes.filter((node) => (dependencies.get(node) ?? 0) === 0);
    while (ready.length > 0) {
      const node = ready.pop() as GradNode;
      const incoming = pending.get(node);
      pending.delete(node);
      let inputGrads: Array<Tensor | null>;
      try {
        inputGrads = incoming ? computeInputGrads(node, incoming) : [];
      } finally {
        incoming?.dispose();
      }
      for (const [index, edge] of node.edges.entries()) {
        const value = inputGrads[index] ?? null;
        if (!edge) {
          value?.dispose();
          continue;
        }
        if ('leaf' in edge) {
          if (value) deliverToLeaf(edge.leaf, value, targets);
          continue;
        }
        if (value) accumulate(pending, edge.node, value);
        const left = (dependencies.get(edge.node) ?? 1) - 1;
        dependencies.set(edge.node, left);
        if (left === 0) ready.push(edge.node);
      }
      if (!options.retainGraph) node.freeSaved();
    }
  }
}

function computeInputGrads(node: GradNode, incoming: Tensor): Array<Tensor | null> {
  if (!node.backwardFunction) {
    throw new Error(`backward: the op "${node.name}" is not differentiable, and a tensor that requires grad went through it`);
  }
  const grads = node.backwardFunction(incoming, node.saved());
  return node.edges.map((edge, index) => {
    const value = grads[index] ?? null;
    if (!edge || !value) {
      if (value && value !== incoming) value.dispose();
      return null;
    }
    const shape = node.inputShapes[index] as readonly number[];
    if (!shapesEqual(value.shape, shape)) {
      throw new Error(
        `Internal error in the gradient of "${node.name}": input ${index} has shape ${formatShape(shape)} but its gradient has ${formatShape(value.shape)}`,
      );
    }
    // A backward function may pass its incoming gradient through; give each consumer its own handle.
    return value === incoming ? viewTensor(incoming, incoming.shape) : value;
  });
}

function deliverToLeaf(leaf: Tensor, value: Tensor, targets: Map<Tensor, Tensor | null> | undefined): void {
  if (targets) {
    if (!targets.has(leaf)) {
      value.dispose();
      return;
    }
    const previous = targets.get(leaf);
    targets.set(leaf, previous ? add(previous, value) : value);
    if (previous) {
      previous.dispose();
      value.dispose();
    }
    return;
  }
  const previous = leaf.grad;
  leaf.grad = keep(previous ? add(previous, value) : value);
  if (previous) {
    previous.dispose();
    value.dispose();
  }
}

/** Counts, for each node reachable from the roots, the edges that lead into it. */
function countDependencies(roots: readonly GradNode[]): Map<GradNode, number> {
  const dependencies = new Map<GradNode, number>();
  const seen = new Set<GradNode>(roots);
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop() as GradNode;
    for (const edge of node.edges) {
      if (!edge || !('node' in edge)) continue;
      dependencies.set(edge.node, (dependencies.get(edge.node) ?? 0) + 1);
      if (!seen.has(edge.node)) {
        seen.add(edge.node);
        stack.push(edge.node);
      }
    }
  }
  return dependencies;
}
