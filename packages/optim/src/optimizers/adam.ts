import type { Tensor } from '@mmpt/tensor';
import { adamUpdate, checkAdamOptions } from './adam-update';
import { Optimizer, type ParameterState } from './optimizer';
import type { ParamGroup, ParamsInput } from './param-group';

/** The options of {@link Adam} and {@link AdamW}, with PyTorch's names. */
export interface AdamOptions {
  params: ParamsInput;
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weight_decay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
}

/**
 * Adam with PyTorch 1.13's update rule (L2 weight decay added to the gradient, optional AMSGrad).
 * Defaults: `lr` 1e-3, `betas` [0.9, 0.999], `eps` 1e-8, `weight_decay` 0.
 *
 * @example
 * const optimizer = new Adam({ params: model.parameters(), lr: 0.001, betas: [0.9, 0.999] });
 */
export class Adam extends Optimizer {
  constructor(options: AdamOptions) {
    const defaults = {
      lr: options.lr ?? 1e-3,
      betas: options.betas ?? [0.9, 0.999],
      eps: options.eps ?? 1e-8,
      weight_decay: options.weight_decay ?? 0,
      amsgrad: options.amsgrad ?? false,
      maximize: options.maximize ?? false,
    };
    checkAdamOptions('Adam', defaults);
    super(options.params, defaults, options);
  }

  protected updateParameter(param: Tensor, grad: Tensor, group: ParamGroup, state: ParameterState): void {
    adamUpdate('Adam', param, grad, group, state, (target, key, value) => this.setStateTensor(target, key, value), false);
  }
}
