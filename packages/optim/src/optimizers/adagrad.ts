import { type Tensor, add, div, fullLike, keep, mul, neg, sqrt } from '@mmpt/tensor';
import { assign } from './assign';
import { Optimizer, type ParameterState } from './optimizer';
import { type ParamGroup, type ParamsInput, booleanOption, numberOption } from './param-group';
import { checkAtLeast } from './validate-options';

/** The options of {@link Adagrad}, with PyTorch's names and defaults. */
export interface AdagradOptions {
  params: ParamsInput;
  lr?: number;
  lr_decay?: number;
  weight_decay?: number;
  initial_accumulator_value?: number;
  eps?: number;
  maximize?: boolean;
}

/**
 * Adagrad with PyTorch 1.13's update rule: `sum += grad²`, the step is
 * `lr / (1 + (step - 1) · lr_decay) · grad / (sqrt(sum) + eps)`. Defaults: `lr` 1e-2, `lr_decay` 0,
 * `eps` 1e-10. State (created with the optimizer, as PyTorch): `step`, `sum`
 * (`initial_accumulator_value` everywhere).
 *
 * @example
 * const optimizer = new Adagrad({ params: model.parameters(), lr: 0.01, lr_decay: 1e-4 });
 */
export class Adagrad extends Optimizer {
  constructor(options: AdagradOptions) {
    const defaults = {
      lr: options.lr ?? 1e-2,
      lr_decay: options.lr_decay ?? 0,
      eps: options.eps ?? 1e-10,
      weight_decay: options.weight_decay ?? 0,
      initial_accumulator_value: options.initial_accumulator_value ?? 0,
      maximize: options.maximize ?? false,
    };
    checkAtLeast('Adagrad', 'learning rate', defaults.lr);
    checkAtLeast('Adagrad', 'lr_decay value', defaults.lr_decay);
    checkAtLeast('Adagrad', 'weight_decay value', defaults.weight_decay);
    checkAtLeast('Adagrad', 'initial_accumulator_value value', defaults.initial_accumulator_value);
    checkAtLeast('Adagrad', 'epsilon value', defaults.eps);
    super(options.params, defaults, options);
    for (const group of this.paramGroups) {
      const initial = numberOption(group, 'initial_accumulator_value', 'Adagrad');
      for (const param of group.params) {
        const state = this.stateOf(param);
        state.step = 0;
        state.sum = keep(fullLike(param, initial));
      }
    }
  }

  protected updateParameter(param: Tensor, grad: Tensor, group: ParamGroup, state: ParameterState): void {
    const owner = 'Adagrad';
    const lr = numberOption(group, 'lr', owner);
    const lrDecay = numberOption(group, 'lr_decay', owner);
    const eps = numberOption(group, 'eps', owner);
    const weightDecay = numberOption(group, 'weight_decay', owner);
    if (state.sum === undefined || state.sum === null || typeof state.sum !== 'object') {
      state.step = 0;
      this.setStateTensor(state, 'sum', fullLike(param, numberOption(group, 'initial_accumulator_value', owner)));
    }
    const step = ((state.step as number) ?? 0) + 1;
    state.step = step;
    let gradient = booleanOption(group, 'maximize', owner) ? neg(grad) : grad;
    if (weightDecay !== 0) gradient = add(gradient, mul(param, weightDecay));
    const clr = lr / (1 + (step - 1) * lrDecay);
    const sum = this.setStateTensor(state, 'sum', add(state.sum as Tensor, mul(gradient, gradient)));
    const std = add(sqrt(sum), eps);
    assign(param, add(param, div(mul(gradient, -clr), std)));
  }
}
