// SimMIM on the MNIST digits without labels, padded to 32x32: a tiny ViT whose masked 4x4 patches
// (60%, in 8x8 blocks) become the mask token, a linear decoder back to the 1-channel pixels, one
// device x 256 digits, AdamW with a one-epoch warm-up and a cosine schedule over 5 epochs.
import vit from '../_base_/models/vit-tiny-p4_mnist';

export default {
  _base_: ['../_base_/datasets/mnist_bs256_simmim.ts', '../../_base_/default_runtime.ts'],
  model: {
    type: 'SimMIM',
    backbone: { type: 'SimMIMViT', ...vit, img_size: 32 },
    neck: { type: 'SimMIMLinearDecoder', in_channels: 96, encoder_stride: 4, out_channels: 1 },
    head: { type: 'SimMIMHead', patch_size: 4, loss: { type: 'PixelReconstructionLoss', criterion: 'L1', channel: 1 } },
  },
  optim_wrapper: {
    type: 'OptimWrapper',
    optimizer: { type: 'AdamW', lr: 2e-3, betas: [0.9, 0.999], weight_decay: 0.05 },
    clip_grad: { max_norm: 5.0 },
    paramwise_cfg: { custom_keys: { ln: { decay_mult: 0.0 }, bias: { decay_mult: 0.0 }, pos_embed: { decay_mult: 0.0 }, mask_token: { decay_mult: 0.0 }, cls_token: { decay_mult: 0.0 } } },
  },
  param_scheduler: [
    { type: 'LinearLR', start_factor: 0.01, by_epoch: true, begin: 0, end: 1, convert_to_iter_based: true },
    { type: 'CosineAnnealingLR', T_max: 4, by_epoch: true, begin: 1, end: 5, convert_to_iter_based: true },
  ],
  train_cfg: { type: 'EpochBasedTrainLoop', max_epochs: 5 },
  default_hooks: { logger: { interval: 5 }, checkpoint: { type: 'CheckpointHook', interval: 1, max_keep_ckpts: 1 } },
  randomness: { seed: 0 },
};
