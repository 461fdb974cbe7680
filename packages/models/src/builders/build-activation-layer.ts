import { type AnyModule, ELU, GELU, Hardswish, LeakyReLU, ReLU, ReLU6, SiLU, Sigmoid, Tanh } from '@mmpt/tensor';
import { HSigmoid } from '../layers/hsigmoid';
import { type LayerConfig, option } from './layer-config';

/**
 * MMCV's `build_activation_layer`: `ReLU`, `LeakyReLU` (negative_slope), `ReLU6`, `ELU` (alpha),
 * `Sigmoid`, `Tanh`, `GELU` (approximate), `SiLU`/`Swish`, `HSwish`, `HSigmoid` (bias, divisor,
 * min_value, max_value).
 */
export function buildActivationLayer(config: LayerConfig): AnyModule {
  switch (config.type) {
    case 'ReLU':
      return new ReLU();
    case 'LeakyReLU':
      return new LeakyReLU(option(config, 'negative_slope', 0.01));
    case 'ReLU6':
      return new ReLU6();
    case 'ELU':
      return new ELU(option(config, 'alpha', 1));
    case 'Sigmoid':
      return new Sigmoid();
    case 'Tanh':
      return new Tanh();
    case 'GELU':
      return new GELU(option(config, 'approximate', 'none') as 'none' | 'tanh');
    case 'SiLU':
    case 'Swish':
      return new SiLU();
    case 'HSwish':
      return new Hardswish();
    case 'HSigmoid':
      return new HSigmoid({
        bias: option(config, 'bias', 3),
        divisor: option(config, 'divisor', 6),
        min_value: option(config, 'min_value', 0),
        max_value: option(config, 'max_value', 1),
      });
    default:
      throw new Error(`act_cfg: unknown type "${config.type}"; known: ReLU, LeakyReLU, ReLU6, ELU, Sigmoid, Tanh, GELU, SiLU, Swish, HSwish, HSigmoid`);
  }
}
