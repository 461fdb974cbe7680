// MoCo v3 with ViT-small/16 on ImageNet, 16 devices x 256 images, mixed precision, AdamW with a
// warm-up and a cosine schedule over 300 epochs, as MMPretrain's
// `configs/mocov3/mocov3_vit-small-p16_16xb256-amp-coslr-300e_in1k.py`.
const temperature = 0.2;

export default {
  _base_: ['./_base_/datasets/imagenet_bs512_mocov3.ts', '../_base_/default_runtime.ts'],
  train_dataloader: { batch_size: 256 },
  model: {
    type: 'MoCoV3',
    base_momentum: 0.01,
    backbone: { type: 'MoCoV3ViT', arch: 'mocov3-small', patch_size: 16, frozen_stages: -1, stop_grad_conv1: true, norm_eval: false },
    neck: {
      type: 'NonLinearNeck',
      in_channels: 384,
      hid_channels: 4096,
      out_channels: 256,
      num_layers: 3,
      with_bias: false,
      with_last_bn: true,
      with_last_bn_affine: false,
      with_last_bias: false,
      with_avg_pool: false,
    },
    head: {
      type: 'MoCoV3Head',
      predictor: {
        type: 'NonLinearNeck',
        in_channels: 256,
        hid_channels: 4096,
        out_channels: 256,
        num_layers: 2,
        with_bias: false,
        with_last_bn: true,
        with_last_bn_affine: false,
        with_last_bias: false,
        with_avg_pool: false,
      },
      loss: { type: 'CrossEntropyLoss', loss_weight: 2 * temperature },
      temperature,
    },
  },
  optim_wrapper: {
    type: 'AmpOptimWrapper',
    loss_scale: 'dynamic',
    optimizer: { type: 'AdamW', lr: 2.4e-3, weight_decay: 0.1 },
    paramwise_cfg: { custom_keys: { pos_embed: { decay_mult: 0.0 }, cls_token: { decay_mult: 0.0 }, norm: { decay_mult: 0.0 } } },
  },
  param_scheduler: [
    { type: 'LinearLR', start_factor: 1e-4, by_epoch: true, begin: 0, end: 40, convert_to_iter_based: true },
    { type: 'CosineAnnealingLR', T_max: 260, by_epoch: true, begin: 40, end: 300, convert_to_iter_based: true },
  ],
  train_cfg: { type: 'EpochBasedTrainLoop', max_epochs: 300 },
  default_hooks: { checkpoint: { type: 'CheckpointHook', interval: 10, max_keep_ckpts: 3 } },
  randomness: { seed: 0 },
  auto_scale_lr: { base_batch_size: 4096 },
};
