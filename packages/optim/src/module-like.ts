import type { Tensor } from '@mmpt/tensor';

/**
 * What the optimizer side needs of a network: its own parameters by name, its direct children by
 * name, and (optionally) its kind. `Module` of `@mmpt/tensor` satisfies it; the constructors and
 * wrappers of this package take any object of this shape.
 */
export interface ModuleLike {
  /** The parameters; with `recurse: false` only the module's own, as `named_parameters(recurse=False)`. */
  namedParameters(options?: { recurse?: boolean }): Iterable<readonly [string, Tensor]>;
  /** The direct submodules by name, as `named_children()`. */
  namedChildren(): Iterable<readonly [string, ModuleLike]>;
}

/** A model whose parameters can be assigned to layers, as MMPretrain's `get_layer_depth` (ViT, Swin). */
export interface LayerDepthModule extends ModuleLike {
  /** The layer of a parameter (by its full dotted name) and the number of layers. */
  getLayerDepth(parameterName: string): [layerId: number, layerCount: number];
}
