// MAE with ViT-B/16 on ImageNet, 8 devices x 512 images, mixed precision, AdamW with a warm-up and
// a cosine schedule over 300 epochs, as MMPretrain's
// `configs/mae/mae_vit-base-p16_8xb512-amp-coslr-300e_in1k.py`.
export default {
  _base_: ['./_base_/models/mae_vit-base-p16.ts', './_base_/datasets/imagenet_bs512_mae.ts', '../_base_/default_runtime.ts'],
  optim_wrapper: {
    type: 'AmpOptimWrapper',
    loss_scale: 'dynamic',
    optimizer: { type: 'AdamW', lr: 1.5e-4 * 4096 / 256, betas: [0.9, 0.95], weight_decay: 0.05 },
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
    { type: 'LinearLR', start_factor: 0.0001, by_epoch: true, begin: 0, end: 40, convert_to_iter_based: true },
    { type: 'CosineAnnealingLR', T_max: 260, by_epoch: true, begin: 40, end: 300, convert_to_iter_based: true },
  ],
  train_cfg: { type: 'EpochBasedTrainLoop', max_epochs: 300 },
  default_hooks: { checkpoint: { type: 'CheckpointHook', interval: 1, max_keep_ckpts: 3 } },
  randomness: { seed: 0, diff_rank_seed: true },
  resume: true,
  auto_scale_lr: { base_batch_size: 4096 },
};
