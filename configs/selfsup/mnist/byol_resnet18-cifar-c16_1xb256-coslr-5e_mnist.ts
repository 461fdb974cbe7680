// BYOL on the MNIST digits without labels: ResNet_CIFAR-18 (1 channel, 16 base channels), one
// device x 256 digits, SGD with a cosine schedule over 5 epochs. The target network's CosineEMA
// needs max_iters from the training loop (see the README of the self-supervised algorithms).
import resnet from '../_base_/models/resnet18-cifar-c16_mnist';

export default {
  _base_: ['../_base_/datasets/mnist_bs256_multiview.ts', '../_base_/schedules/mnist_sgd_coslr_5e.ts', '../../_base_/default_runtime.ts'],
  model: {
    type: 'BYOL',
    base_momentum: 0.01,
    backbone: resnet.backbone,
    neck: { type: 'NonLinearNeck', in_channels: 128, hid_channels: 256, out_channels: 64, num_layers: 2, with_bias: true, with_last_bn: false, with_avg_pool: true },
    head: {
      type: 'LatentPredictHead',
      predictor: { type: 'NonLinearNeck', in_channels: 64, hid_channels: 256, out_channels: 64, num_layers: 2, with_bias: true, with_last_bn: false, with_avg_pool: false },
      loss: { type: 'CosineSimilarityLoss' },
    },
  },
  default_hooks: { logger: { interval: 5 }, checkpoint: { type: 'CheckpointHook', interval: 1, max_keep_ckpts: 1 } },
  randomness: { seed: 0 },
};
