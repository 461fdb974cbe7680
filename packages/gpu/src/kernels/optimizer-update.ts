import type { KernelAttributes } from '@mmpt/tensor';

type SgdUpdateAttributes = KernelAttributes['sgdUpdate'];
type AdamUpdateAttributes = KernelAttributes['adamUpdate'];
import { type GpuKernel, floatBits, gridFor } from './kernel-context';
import { type SgdVariant, adamWgsl, sgdWgsl } from './optimizer-update.wgsl';

/** One SGD step (PyTorch 1.13) for one parameter. Inputs: param, grad[, buffer]; outputs: param[, buffer]. */
export const sgdUpdateKernel: GpuKernel<SgdUpdateAttributes> = (context, inputs, outputs, { lr, momentum, dampening, weightDecay, nesterov, maximize }) => {
  const variant: SgdVariant = outputs.length === 1 ? 'plain' : inputs.length === 2 ? 'first' : 'buffered';
  const dtype = outputs[0]!.dtype;
  const count = outputs[0]!.size;
  const access = [...inputs.map(() => 'read' as const), ...outputs.map(() => 'read_write' as const)];
  context.dispatch(
    { kernel: context.kernel, key: `${dtype}|${variant}`, storage: access, wgsl: () => sgdWgsl(dtype, variant) },
    [count, floatBits(lr), floatBits(momentum), floatBits(dampening), floatBits(weightDecay), floatBits(maximize ? -1 : 1), nesterov ? 1 : 0],
    [...inputs, ...outputs].map((tensor) => tensor.storage),
    gridFor(count, 256, context.maxWorkgroupsPerDimension),
  );
};

/**
 * One Adam/AdamW step (PyTorch 1.13) for one parameter. Inputs: param, grad, exp_avg, exp_avg_sq[,
 * max_exp_avg_sq]; outputs: param, exp_avg, exp_avg_sq[, max_exp_avg_sq]. Where the device binds
 * fewer storage buffers than inputs and outputs together (AMSGrad needs nine), the state is
 * copied into the outputs first and updated in place.
 */
export const adamUpdateKernel: GpuKernel<AdamUpdateAttributes> = (context, inputs, outputs, attributes) => {
  const { lr, beta1, beta2, eps, weightDecay, decoupled, maximize, amsgrad, step } = attributes;
  const dtype = outputs[0]!.dtype;
  const count = outputs[0]!.size;
  const inPlace = inputs.length + outputs.length > context.maxStorageBuffers;
  const params = [
    count,
    floatBits(lr / (1 - beta1 ** step)),
    floatBits(beta1),
    floatBits(beta2),
    floatBits(eps),
    floatBits(maximize ? -1 : 1),
    floatBits(decoupled ? 0 : weightDecay),
    floatBits(decoupled ? 1 - lr * weightDecay : 1),
    floatBits(Math.sqrt(1 - beta2 ** step)),
  ];
  const key = `${dtype}|${amsgrad ? 'amsgrad' : 'adam'}|${inPlace ? 'in-place' : 'separate'}`;
  if (!inPlace) {
    context.dispatch(
      {
        kernel: context.kernel,
        key,
        storage: [...inputs.map(() => 'read' as const), ...outputs.map(() => 'read_write' as const)],
        wgsl: () => adamWgsl(dtype, amsgrad, false),
      },
      params,
      [...inputs, ...outputs].map((tensor) => tensor.storage),
      gridFor(count, 256, context.maxWorkgroupsPerDimension),
    );
    return;
  }
  const states = [inputs[0]!, ...inputs.slice(2)];
  states.forEach((state, at) => context.copy(state.storage, 0, outputs[at]!.storage, 0, state.storage.byteLength));
  context.dispatch(
    {
      kernel: context.kernel,
      key,
      storage: ['read', ...outputs.map(() => 'read_write' as const)],
      wgsl: () => adamWgsl(dtype, amsgrad, true),
    },
    params,
    [inputs[1]!, ...outputs].map((tensor) => tensor.storage),
    gridFor(count, 256, context.maxWorkgroupsPerDimension),
  );
};
