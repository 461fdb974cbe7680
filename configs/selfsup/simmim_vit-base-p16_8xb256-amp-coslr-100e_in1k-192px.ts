// SimMIM with ViT-B/16 at 192 px on ImageNet, 8 devices x 256 images, mixed precision, AdamW with
// a warm-up and a cosine schedule over 100 epochs. MMPretrain pre-trains SimMIM with Swin
// (`configs/simmim/simmim_swin-base-w6_8xb256-amp-coslr-100e_in1k-192px.py`, whose schedule this
// follows); this repository has no Swin, so the encoder is SimMIMViT and the decoder's stride is 16.
export default {
  _base_: ['./_base_/datasets/imagenet_bs256_simmim_192.ts', '../_base_/default_runtime.ts'],
  model: {
    type: 'SimMIM',
    backbone: { type: 'SimMIMViT', arch: 'b', img_size: 192, patch_size: 16, drop_path_rate: 0.1 },
    neck: { type: 'SimMIMLinearDecoder', in_channels: 768, encoder_stride: 16 },
    head: { type: 'SimMIMHead', patch_size: 16, loss: { type: 'PixelReconstructionLoss', criterion: 'L1', channel: 3 } },
  },
  optim_wrapper: {
    type: 'AmpOptimWrapper',
    optimizer: { type: 'AdamW', lr: 1e-4 * 2048 / 512, betas: [0.9, 0.999], weight_decay: 0.05 },
    clip_grad: { max_norm: 5.0 },
    paramwise_cfg: {
      custom_keys: {
        norm: { decay_mult: 0.0 },
        bias: { decay_mult: 0.0 },
        pos_embed: { decay_mult: 0.0 },
        mask_token: { decay_mult: 0.0 },
        cls_token: { decay_mult: 0.0 },
      },
    },
  },
  param_scheduler: [
    { type: 'LinearLR', start_factor: 5e-7 / 1e-4, by_epoch: true, begin: 0, end: 10, convert_to_iter_based: true },
    { type: 'CosineAnnealingLR', T_max: 90, eta_min: 5e-6 * 2048 / 512, by_epoch: true, begin: 10, end: 100, convert_to_iter_based: true },
  ],
  train_cfg: { type: 'EpochBasedTrainLoop', max_epochs: 100 },
  default_hooks: { checkpoint: { type: 'CheckpointHook', interval: 1, max_keep_ckpts: 3 } },
  randomness: { seed: 0, diff_rank_seed: true },
  auto_scale_lr: { base_batch_size: 2048 },
};
