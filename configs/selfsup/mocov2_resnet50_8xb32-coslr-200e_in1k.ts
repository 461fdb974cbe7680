// MoCo v2 with ResNet-50 on ImageNet, 8 devices x 32 images, SGD with a cosine schedule over 200
// epochs, as MMPretrain's `configs/mocov2/mocov2_resnet50_8xb32-coslr-200e_in1k.py`.
export default {
  _base_: ['./_base_/datasets/imagenet_bs32_mocov2.ts', './_base_/schedules/imagenet_sgd_coslr_200e.ts', '../_base_/default_runtime.ts'],
  model: {
    type: 'MoCo',
    queue_len: 65536,
    feat_dim: 128,
    momentum: 0.001,
    backbone: { type: 'ResNet', depth: 50, norm_cfg: { type: 'BN' }, zero_init_residual: false },
    neck: { type: 'MoCoV2Neck', in_channels: 2048, hid_channels: 2048, out_channels: 128, with_avg_pool: true },
    head: { type: 'ContrastiveHead', loss: { type: 'CrossEntropyLoss' }, temperature: 0.2 },
  },
  default_hooks: { checkpoint: { type: 'CheckpointHook', interval: 10, max_keep_ckpts: 3 } },
  auto_scale_lr: { base_batch_size: 256 },
};
