import type { Tensor } from '@mmpt/tensor';
import type { AdamOptions } from './adam';
import { adamUpdate, checkAdamOptions } from './adam-update';
import { Optimizer, type ParameterState } from './optimizer';
import type { ParamGroup } from './param-group';

/**
 * AdamW with PyTorch 1.13's update rule: decoupled weight decay (the parameter is first scaled by
 * `1 - lr · weight_decay`), then the Adam step (optional AMSGrad). Defaults: `lr` 1e-3, `betas`
 * [0.9, 0.999], `eps` 1e-8, `weight_decay` 1e-2.
 *
 * @example
 * const optimizer = new AdamW({ params: model.parameters(), lr: 5e-4, weight_decay: 0.05 });
 */
export class AdamW extends Optimizer {
  constructor(options: AdamOptions) {
    const defaults = {
      lr: options.lr ?? 1e-3,
      betas: options.betas ?? [0.9, 0.999],
      eps: options.eps ?? 1e-8,
      weight_decay: options.weight_decay ?? 1e-2,
      amsgrad: options.amsgrad ?? false,
      maximize: options.maximize ?? false,
    };
    checkAdamOptions('AdamW', defaults);
    super(options.params, defaults, options);
  }

  protected updateParameter(param: Tensor, grad: Tensor, group: ParamGroup, state: ParameterState): void {
    adamUpdate('AdamW', param, grad, group, state, (target, key, value) => this.setStateTensor(target, key, value), true);
  }
}
