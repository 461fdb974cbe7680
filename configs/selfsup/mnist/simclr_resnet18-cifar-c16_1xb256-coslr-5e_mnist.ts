// SimCLR on the MNIST digits without labels: ResNet_CIFAR-18 (1 channel, 16 base channels), one
// device x 256 digits (two views each), SGD with a cosine schedule over 5 epochs.
import resnet from '../_base_/models/resnet18-cifar-c16_mnist';

export default {
  _base_: ['../_base_/datasets/mnist_bs256_multiview.ts', '../_base_/schedules/mnist_sgd_coslr_5e.ts', '../../_base_/default_runtime.ts'],
  model: {
    type: 'SimCLR',
    backbone: resnet.backbone,
    neck: { type: 'NonLinearNeck', in_channels: 128, hid_channels: 256, out_channels: 64, num_layers: 2, with_avg_pool: true },
    head: { type: 'ContrastiveHead', loss: { type: 'CrossEntropyLoss' }, temperature: 0.2 },
  },
  default_hooks: { logger: { interval: 5 }, checkpoint: { type: 'CheckpointHook', interval: 1, max_keep_ckpts: 1 } },
  randomness: { seed: 0 },
};
