import { type Tensor, add, div, fullLike, mul, neg, sqrt, zerosLike } from '@mmpt/tensor';
import { assign } from './assign';
import { Optimizer, type ParameterState } from './optimizer';
import { type ParamGroup, type ParamsInput, booleanOption, numberOption } from './param-group';
import { checkAtLeast } from './validate-options';

/** The options of {@link RMSprop}, with PyTorch's names and defaults. */
export interface RMSpropOptions {
  params: ParamsInput;
  lr?: number;
  alpha?: number;
  eps?: number;
  weight_decay?: number;
  momentum?: number;
  centered?: boolean;
  maximize?: boolean;
}

/**
 * RMSprop with PyTorch 1.13's update rule: `square_avg = alpha · square_avg + (1 - alpha) · grad²`;
 * centered subtracts the square of `grad_avg`; the step divides by `sqrt(...) + eps`, through a
 * momentum buffer when `momentum > 0`. Defaults: `lr` 1e-2, `alpha` 0.99, `eps` 1e-8. State: `step`,
 * `square_avg`, `momentum_buffer` (momentum), `grad_avg` (centered).
 *
 * @example
 * const optimizer = new RMSprop({ params: model.parameters(), lr: 0.01, momentum: 0.9, centered: true });
 */
export class RMSprop extends Optimizer {
  constructor(options: RMSpropOptions) {
    const defaults = {
      lr: options.lr ?? 1e-2,
      alpha: options.alpha ?? 0.99,
      eps: options.eps ?? 1e-8,
      weight_decay: options.weight_decay ?? 0,
      momentum: options.momentum ?? 0,
      centered: options.centered ?? false,
      maximize: options.maximize ?? false,
    };
    checkAtLeast('RMSprop', 'learning rate', defaults.lr);
    checkAtLeast('RMSprop', 'epsilon value', defaults.eps);
    checkAtLeast('RMSprop', 'momentum value', defaults.momentum);
    checkAtLeast('RMSprop', 'weight_decay value', defaults.weight_decay);
    checkAtLeast('RMSprop', 'alpha value', defaults.alpha);
    super(options.params, defaults, options);
  }

  protected updateParameter(param: Tensor, grad: Tensor, group: ParamGroup, state: ParameterState): void {
    const owner = 'RMSprop';
    const lr = numberOption(group, 'lr', owner);
    const alpha = numberOption(group, 'alpha', owner);
    const eps = numberOption(group, 'eps', owner);
    const weightDecay = numberOption(group, 'weight_decay', owner);
    const momentum = numberOption(group, 'momentum', owner);
    const centered = booleanOption(group, 'centered', owner);
    if (state.step === undefined) {
      state.step = 0;
      this.setStateTensor(state, 'square_avg', zerosLike(param));
      if (momentum > 0) this.setStateTensor(state, 'momentum_buffer', zerosLike(param));
      if (centered) this.setStateTensor(state, 'grad_avg', zerosLike(param));
    }
    state.step = (state.step as number) + 1;
    let gradient = booleanOption(group, 'maximize', owner) ? neg(grad) : grad;
    if (weightDecay !== 0) gradient = add(gradient, mul(param, weightDecay));
    const squareAvg = this.setStateTensor(
      state,
      'square_avg',
      add(mul(this.stateTensor(state, 'square_avg', param), alpha), mul(mul(gradient, 1 - alpha), gradient)),
    );
    let average: Tensor;
    if (centered) {
      const gradAvg = this.setStateTensor(
        state,
        'grad_avg',
        add(mul(this.stateTensor(state, 'grad_avg', param), alpha), mul(gradient, 1 - alpha)),
      );
      average = sqrt(add(squareAvg, mul(mul(gradAvg, -1), gradAvg)));
    } else {
      average = sqrt(squareAvg);
    }
    average = add(average, eps);
    if (momentum > 0) {
      const buffer = this.setStateTensor(
        state,
        'momentum_buffer',
        add(mul(this.stateTensor(state, 'momentum_buffer', param), momentum), div(gradient, average)),
      );
      assign(param, add(param, mul(buffer, -lr)));
    } else {
      assign(param, add(param, div(mul(gradient, -lr), average)));
    }
  }

  /** A state tensor, created as zeros when an option that needs it was turned on after the first step. */
  private stateTensor(state: ParameterState, key: string, param: Tensor): Tensor {
    const value = state[key];
    if (value !== null && typeof value === 'object') return value;
    return this.setStateTensor(state, key, fullLike(param, 0));
  }
}
