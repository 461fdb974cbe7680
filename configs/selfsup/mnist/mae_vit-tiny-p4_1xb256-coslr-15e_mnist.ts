// MAE on the MNIST digits without labels: a tiny ViT (4x4 patches, 75% of them removed) and a
// 2-layer decoder reconstructing the pixels, one device x 256 digits, AdamW with a one-epoch
// warm-up and a cosine schedule over 15 epochs.
import vit from '../_base_/models/vit-tiny-p4_mnist';

export default {
  _base_: ['../_base_/datasets/mnist_bs256_mae.ts', '../../_base_/default_runtime.ts'],
  model: {
    type: 'MAE',
    backbone: { type: 'MAEViT', ...vit, mask_ratio: 0.75 },
    neck: {
      type: 'MAEPretrainDecoder',
      num_patches: 49,
      patch_size: 4,
      in_chans: 1,
      embed_dim: 96,
      decoder_embed_dim: 64,
      decoder_depth: 2,
      decoder_num_heads: 4,
      mlp_ratio: 4,
    },
    head: { type: 'MAEPretrainHead', norm_pix: false, patch_size: 4, loss: { type: 'PixelReconstructionLoss', criterion: 'L2' } },
    init_cfg: [
      { type: 'Xavier', layer: 'Linear', distribution: 'uniform' },
      { type: 'Constant', layer: 'LayerNorm', val: 1.0, bias: 0.0 },
    ],
  },
  optim_wrapper: {
    type: 'OptimWrapper',
    optimizer: { type: 'AdamW', lr: 2e-3, betas: [0.9, 0.95], weight_decay: 0.05 },
    paramwise_cfg: {
      custom_keys: {
        ln: { decay_mult: 0.0 },
        bias: { decay_mult: 0.0 },
        pos_embed: { decay_mult: 0.0 },
        mask_token: { decay_mult: 0.0 },
        cls_token: { decay_mult: 0.0 },
      },
    },
  },
  param_scheduler: [
    { type: 'LinearLR', start_factor: 0.01, by_epoch: true, begin: 0, end: 1, convert_to_iter_based: true },
    { type: 'CosineAnnealingLR', T_max: 14, by_epoch: true, begin: 1, end: 15, convert_to_iter_based: true },
  ],
  train_cfg: { type: 'EpochBasedTrainLoop', max_epochs: 15 },
  default_hooks: { logger: { interval: 5 }, checkpoint: { type: 'CheckpointHook', interval: 1, max_keep_ckpts: 1 } },
  randomness: { seed: 0 },
};
