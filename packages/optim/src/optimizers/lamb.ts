import { type Tensor, add, div, greater, minimum, mul, norm, sqrt, square, sum, tidy, where, zerosLike } from '@mmpt/tensor';
import { assign } from './assign';
import { Optimizer } from './optimizer';
import { type ParamsInput, booleanOption, numberOption, pairOption } from './param-group';
import { checkAdamOptions } from './adam-update';

/** The options of {@link Lamb}, with MMPretrain's (timm's) names and defaults. */
export interface LambOptions {
  params: ParamsInput;
  lr?: number;
  bias_correction?: boolean;
  betas?: [number, number];
  eps?: number;
  weight_decay?: number;
  grad_averaging?: boolean;
  /** The global gradient norm above which all gradients are scaled down (default 1). */
  max_grad_norm?: number;
  /** LAMBC: clip the trust ratio at 1. */
  trust_clip?: boolean;
  /** Adapt the step of parameters without weight decay too. */
  always_adapt?: boolean;
}

/**
 * LAMB (You et al., 2019), as MMPretrain's `Lamb` (the NVIDIA FusedLamb variant from timm): the
 * gradients are first divided by `‖g‖ / max_grad_norm` when the global norm exceeds
 * `max_grad_norm` (in place, as the reference does); the Adam direction
 * `(m / bc1) / (sqrt(v) / sqrt(bc2) + eps)` gets `weight_decay · param` added and is scaled by the
 * trust ratio `‖param‖ / ‖update‖` (1 where either is zero; only for parameters with weight decay
 * unless `always_adapt`). The step counter lives in each group (`step`), the moments in the state
 * (`exp_avg`, `exp_avg_sq`). Defaults: `lr` 1e-3, `betas` [0.9, 0.999], `eps` 1e-6,
 * `weight_decay` 0.01, `max_grad_norm` 1.
 *
 * @example
 * const optimizer = new Lamb({ params: model.parameters(), lr: 5e-3, weight_decay: 0.02 });
 */
export class Lamb extends Optimizer {
  constructor(options: LambOptions) {
    const defaults = {
      lr: options.lr ?? 1e-3,
      bias_correction: options.bias_correction ?? true,
      betas: options.betas ?? [0.9, 0.999],
      eps: options.eps ?? 1e-6,
      weight_decay: options.weight_decay ?? 0.01,
      grad_averaging: options.grad_averaging ?? true,
      max_grad_norm: options.max_grad_norm ?? 1.0,
      trust_clip: options.trust_clip ?? false,
      always_adapt: options.always_adapt ?? false,
    };
    checkAdamOptions('Lamb', defaults);
    if (typeof defaults.max_grad_norm !== 'number' || !(defaults.max_grad_norm > 0)) {
      throw new RangeError(`Lamb: invalid max_grad_norm: ${String(defaults.max_grad_norm)} (expected a positive number)`);
    }
    super(options.params, defaults, options);
  }

  protected override performStep(): void {
    const owner = 'Lamb';
    const withGrad = this.paramGroups.flatMap((group) => group.params.filter((param) => param.grad !== null));
    if (withGrad.length === 0) {
      for (const group of this.paramGroups) group.step = typeof group.step === 'number' ? group.step + 1 : 1;
      return;
    }
    const maxGradNorm = this.defaults.max_grad_norm as number;
    const clip = tidy(() => {
      let total: Tensor | undefined;
      for (const param of withGrad) {
        const squares = sum(square(param.grad as Tensor));
        total = total ? add(total, squares) : squares;
      }
      const globalNorm = sqrt(total as Tensor);
      return where(greater(globalNorm, maxGradNorm), div(globalNorm, maxGradNorm), 1);
    });
    try {
      for (const group of this.paramGroups) {
        const [beta1, beta2] = pairOption(group, 'betas', owner);
        const beta3 = booleanOption(group, 'grad_averaging', owner) ? 1 - beta1 : 1.0;
        const step = typeof group.step === 'number' ? group.step + 1 : 1;
        group.step = step;
        const biasCorrection = booleanOption(group, 'bias_correction', owner);
        const biasCorrection1 = biasCorrection ? 1 - beta1 ** step : 1.0;
        const biasCorrection2 = biasCorrection ? 1 - beta2 ** step : 1.0;
        const lr = numberOption(group, 'lr', owner);
        const eps = numberOption(group, 'eps', owner);
        const weightDecay = numberOption(group, 'weight_decay', owner);
        const adapt = weightDecay !== 0 || booleanOption(group, 'always_adapt', owner);
        const trustClip = booleanOption(group, 'trust_clip', owner);
        for (const param of group.params) {
          const currentGrad = param.grad;
          if (!currentGrad) continue;
          tidy(() => {
            const state = this.stateOf(param);
            if (state.exp_avg === undefined) {
              this.setStateTensor(state, 'exp_avg', zerosLike(param));
              this.setStateTensor(state, 'exp_avg_sq', zerosLike(param));
            }
            const grad = div(currentGrad, clip);
            assign(currentGrad, grad);
            const expAvg = this.setStateTensor(state, 'exp_avg', add(mul(state.exp_avg as Tensor, beta1), mul(grad, beta3)));
            const expAvgSq = this.setStateTensor(
              state,
              'exp_avg_sq',
              add(mul(state.exp_avg_sq as Tensor, beta2), mul(mul(grad, 1 - beta2), grad)),
            );
            const denominator = add(div(sqrt(expAvgSq), Math.sqrt(biasCorrection2)), eps);
            let update = div(div(expAvg, biasCorrection1), denominator);
            if (weightDecay !== 0) update = add(update, mul(param, weightDecay));
            if (adapt) {
              const weightNorm = norm(param);
              const updateNorm = norm(update);
              let trustRatio = where(greater(weightNorm, 0), where(greater(updateNorm, 0), div(weightNorm, updateNorm), 1), 1);
              if (trustClip) trustRatio = minimum(trustRatio, 1);
              update = mul(update, trustRatio);
            }
            assign(param, add(param, mul(update, -lr)));
          });
        }
      }
    } finally {
      clip.dispose();
    }
  }

  protected updateParameter(): void {
    throw new Error('Lamb: parameters are updated together in step()');
  }
}
