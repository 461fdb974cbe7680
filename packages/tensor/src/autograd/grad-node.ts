import type { Tensor } from '../core/tensor';

/** Computes the gradients of an op's inputs from the gradient of its output. */
export type BackwardFunction = (grad: Tensor, saved: readonly Tensor[]) => ReadonlyArray<Tensor | null | undefined>;

/** Where the gradient of one input goes: the node that produced it, or a leaf tensor. */
export type GradEdge = { node: GradNode } | { leaf: Tensor } | null;

/**
 * A node of the autograd graph: one op application, with the tensors it saved for backward and an
 * edge per input. Nodes are reference counted by the tensors they produced and by the nodes that
 * consume them, so a graph that is dropped without `backward()` is freed too.
 */
export class GradNode {
  #refs = 1;
  #saved: Tensor[];
  #freed = false;

  constructor(
    /** The op's name, used in messages. */
    readonly name: string,
    /** One edge per input, `null` for inputs that do not require grad. */
    readonly edges: readonly GradEdge[],
    /** Input shapes, to check the shapes of computed gradients. */
    readonly inputShapes: ReadonlyArray<readonly number[]>,
    readonly backwardFunction: BackwardFunction | undefined,
    saved: Tensor[],
  ) {
    this.#saved = saved;
    for (const edge of edges) if (edge && 'node' in edge) edge.node.#refs++;
  }

  /** The saved tensors; an error once they were freed by a backward pass. */
  saved(): readonly Tensor[] {
    if (this.#freed) {
      throw new Error(
        `Trying to backward through the graph a second time (through "${this.name}"): its saved tensors were freed by the first backward. Pass { retainGraph: true } to the first backward() if you need to.`,
      );
    }
    return this.#saved;
  }

  /** Frees the saved tensors after a backward pass that does not retain the graph. */
  freeSaved(): void {
    if (this.#freed) return;
    this.#freed = true;
    for (const tensor of this.#saved) tensor.dispose();
    this.#saved = [];
  }

  /** Called when a producing tensor or a consuming node lets go of this node. */
  release(): void {
    if (this.#refs === 0) return;
    this.#refs--;
    if (this.#refs > 0) return;
    for (const tensor of this.#saved) tensor.dispose();
    this.#saved = [];
    this.#freed = true;
    for (const edge of this.edges) if (edge && 'node' in edge) edge.node.release();
  }
}
