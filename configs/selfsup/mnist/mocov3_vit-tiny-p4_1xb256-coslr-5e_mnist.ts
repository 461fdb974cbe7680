// MoCo v3 on the MNIST digits without labels: a tiny MoCoV3ViT (4x4 patches, frozen patch
// projection), 3-layer projector and 2-layer predictor, one device x 256 digits (two views each),
// AdamW with a one-epoch warm-up and a cosine schedule over 5 epochs. The momentum encoder's
// CosineEMA needs max_iters from the training loop (see the README of the self-supervised algorithms).
import { arch } from '../_base_/models/vit-tiny-p4_mnist';

const temperature = 0.2;

export default {
  _base_: ['../_base_/datasets/mnist_bs256_multiview.ts', '../../_base_/default_runtime.ts'],
  model: {
    type: 'MoCoV3',
    base_momentum: 0.01,
    backbone: { type: 'MoCoV3ViT', arch, img_size: 28, patch_size: 4, in_channels: 1, stop_grad_conv1: true },
    neck: { type: 'NonLinearNeck', in_channels: 96, hid_channels: 256, out_channels: 64, num_layers: 3, with_last_bn_affine: false, with_avg_pool: false },
    head: {
      type: 'MoCoV3Head',
      predictor: { type: 'NonLinearNeck', in_channels: 64, hid_channels: 256, out_channels: 64, num_layers: 2, with_last_bn_affine: false, with_avg_pool: false },
      loss: { type: 'CrossEntropyLoss', loss_weight: 2 * temperature },
      temperature,
    },
  },
  optim_wrapper: {
    type: 'OptimWrapper',
    optimizer: { type: 'AdamW', lr: 1e-3, weight_decay: 0.1 },
    paramwise_cfg: { custom_keys: { pos_embed: { decay_mult: 0.0 }, cls_token: { decay_mult: 0.0 }, norm: { decay_mult: 0.0 } } },
  },
  param_scheduler: [
    { type: 'LinearLR', start_factor: 0.01, by_epoch: true, begin: 0, end: 1, convert_to_iter_based: true },
    { type: 'CosineAnnealingLR', T_max: 4, by_epoch: true, begin: 1, end: 5, convert_to_iter_based: true },
  ],
  train_cfg: { type: 'EpochBasedTrainLoop', max_epochs: 5 },
  default_hooks: { logger: { interval: 5 }, checkpoint: { type: 'CheckpointHook', interval: 1, max_keep_ckpts: 1 } },
  randomness: { seed: 0 },
};
