import { type AnyModule, BatchNorm1d, BatchNorm2d, GroupNorm, LayerNorm } from '@mmpt/tensor';
import { LayerNorm2d } from '../layers/layer-norm-2d';
import { type LayerConfig, option } from './layer-config';

const ABBREVIATIONS: Record<string, string> = { BN: 'bn', BN1d: 'bn', BN2d: 'bn', SyncBN: 'bn', GN: 'gn', LN: 'ln', LN2d: 'ln' };

/**
 * MMCV's `build_norm_layer`: builds a normalisation layer from `norm_cfg` (`BN`, `BN1d`, `BN2d`,
 * `SyncBN` (a plain BatchNorm on one device), `GN` with `num_groups`, `LN`, MMPretrain's `LN2d`
 * (LayerNorm over the channels of NCHW maps)) and returns it with its
 * conventional name (`bn`, `gn`, `ln`) plus the postfix, as state-dict keys use it (`bn1`).
 * `requires_grad: false` freezes its parameters.
 *
 * @example
 * const [name, norm] = buildNormLayer({ type: 'BN', requires_grad: true }, 64, 1); // ['bn1', BatchNorm2d]
 */
export function buildNormLayer(config: LayerConfig, numFeatures: number, postfix: number | string = ''): [string, AnyModule] {
  const abbreviation = ABBREVIATIONS[config.type];
  if (!abbreviation) throw new Error(`norm_cfg: unknown type "${config.type}"; known: ${Object.keys(ABBREVIATIONS).join(', ')}`);
  const eps = option(config, 'eps', 1e-5);
  let layer: AnyModule;
  switch (config.type) {
    case 'GN': {
      const groups = config.num_groups;
      if (typeof groups !== 'number') throw new Error('norm_cfg GN needs "num_groups"');
      layer = new GroupNorm(groups, numFeatures, { eps, affine: option(config, 'affine', true) });
      break;
    }
    case 'LN':
      layer = new LayerNorm([numFeatures], { eps, elementwiseAffine: option(config, 'elementwise_affine', true) });
      break;
    case 'LN2d':
      layer = new LayerNorm2d(numFeatures, { eps, elementwiseAffine: option(config, 'elementwise_affine', true) });
      break;
    case 'BN1d':
      layer = new BatchNorm1d(numFeatures, { eps, momentum: option(config, 'momentum', 0.1), affine: option(config, 'affine', true) });
      break;
    default:
      layer = new BatchNorm2d(numFeatures, { eps, momentum: option(config, 'momentum', 0.1), affine: option(config, 'affine', true) });
  }
  if (config.requires_grad === false) for (const parameter of layer.parameters()) parameter.requiresGrad = false;
  return [`${abbreviation}${postfix}`, layer];
}
