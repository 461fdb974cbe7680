import type { AdamUpdateAttributes, SgdUpdateAttributes } from '../../core/kernel-contracts';
import type { CpuKernel } from '../cpu-tensor';
import { vectorKernels } from './vector-kernels';

/**
 * One SGD step, as PyTorch 1.13: `d = ±grad + weightDecay · param`; with momentum the buffer is
 * `d` on the first step (no buffer input) and `momentum · buffer + (1 - dampening) · d` after, and
 * the step follows the buffer (or `d + momentum · buffer` with Nesterov); `param - lr · step`.
 * Inputs: param, grad[, buffer]; outputs: param[, buffer].
 */
export const sgdUpdateKernel: CpuKernel<SgdUpdateAttributes> = (inputs, outputs, { lr, momentum, dampening, weightDecay, nesterov, maximize }, context) => {
  const p = inputs[0]!.data as Float32Array;
  const g = inputs[1]!.data as Float32Array;
  const out = outputs[0]!.data as Float32Array;
  const sign = maximize ? -1 : 1;
  const size = outputs[0]!.size;
  if (outputs.length < 2) {
    for (let index = 0; index < size; index++) {
      const param = p[index] as number;
      const direction = sign * (g[index] as number) + weightDecay * param;
      out[index] = param - lr * direction;
    }
    return;
  }
  // With momentum (the common case) the step runs with SIMD, in float32 as PyTorch.
  const previousTensor = inputs[2];
  vectorKernels(context.compute).sgdMomentum(
    inputs[0]!.offset,
    inputs[1]!.offset,
    previousTensor ? previousTensor.offset : 0,
    outputs[0]!.offset,
    outputs[1]!.offset,
    size,
    lr,
    momentum,
    1 - dampening,
    weightDecay,
    sign,
    previousTensor ? 1 : 0,
    nesterov ? 1 : 0,
  );
};

/**
 * One Adam or AdamW step, as PyTorch 1.13's single-tensor implementation. Inputs: param, grad,
 * exp_avg, exp_avg_sq[, max_exp_avg_sq]; outputs: param, exp_avg, exp_avg_sq[, max_exp_avg_sq].
 */
export const adamUpdateKernel: CpuKernel<AdamUpdateAttributes> = (inputs, outputs, attributes) => {
  const { lr, beta1, beta2, eps, weightDecay, decoupled, maximize, amsgrad, step } = attributes;
  const p = inputs[0]!.data as Float32Array;
  const g = inputs[1]!.data as Float32Array;
  const m = inputs[2]!.data as Float32Array;
  const v = inputs[3]!.data as Float32Array;
  const vMax = inputs[4]?.data as Float32Array | undefined;
  const outP = outputs[0]!.data as Float32Array;
  const outM = outputs[1]!.data as Float32Array;
  const outV = outputs[2]!.data as Float32Array;
  const outVMax = outputs[3]?.data as Float32Array | undefined;
  const sign = maximize ? -1 : 1;
  const shrink = decoupled ? 1 - lr * weightDecay : 1;
  const addedDecay = decoupled ? 0 : weightDecay;
  const stepSize = lr / (1 - beta1 ** step);
  const correction2Sqrt = Math.sqrt(1 - beta2 ** step);
  const size = outputs[0]!.size;
  for (let index = 0; index < size; index++) {
    const original = p[index] as number;
    const param = decoupled ? Math.fround(original * shrink) : original;
    const grad = Math.fround(sign * (g[index] as number) + addedDecay * original);
    const first = Math.fround(beta1 * (m[index] as number) + (1 - beta1) * grad);
    const second = Math.fround(beta2 * (v[index] as number) + (1 - beta2) * grad * grad);
    outM[index] = first;
    outV[index] = second;
    let denominatorSource = second;
    if (amsgrad) {
      const previous = (vMax as Float32Array)[index] as number;
      denominatorSource = previous > second || previous !== previous ? previous : second;
      (outVMax as Float32Array)[index] = denominatorSource;
    }
    const denominator = Math.sqrt(denominatorSource) / correction2Sqrt + eps;
    outP[index] = param - (stepSize * first) / denominator;
  }
};
