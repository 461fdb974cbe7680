// SimCLR with ResNet-50 on ImageNet, 16 devices x 256 images, LARS with a cosine schedule over 200
// epochs, as MMPretrain's `configs/simclr/simclr_resnet50_16xb256-coslr-200e_in1k.py`.
export default {
  _base_: ['./_base_/datasets/imagenet_bs32_simclr.ts', './_base_/schedules/imagenet_lars_coslr_200e.ts', '../_base_/default_runtime.ts'],
  train_dataloader: { batch_size: 256 },
  model: {
    type: 'SimCLR',
    backbone: { type: 'ResNet', depth: 50, norm_cfg: { type: 'SyncBN' }, zero_init_residual: true },
    neck: { type: 'NonLinearNeck', in_channels: 2048, hid_channels: 2048, out_channels: 128, num_layers: 2, with_avg_pool: true },
    head: { type: 'ContrastiveHead', loss: { type: 'CrossEntropyLoss' }, temperature: 0.1 },
  },
  optim_wrapper: {
    type: 'OptimWrapper',
    optimizer: { type: 'LARS', lr: 4.8, momentum: 0.9, weight_decay: 1e-6 },
    paramwise_cfg: {
      custom_keys: {
        bn: { decay_mult: 0, lars_exclude: true },
        bias: { decay_mult: 0, lars_exclude: true },
        // the BN of the downsample layers
        'downsample.1': { decay_mult: 0, lars_exclude: true },
      },
    },
  },
  default_hooks: { checkpoint: { type: 'CheckpointHook', interval: 10, max_keep_ckpts: 3 } },
  // the learning rate above is for 16 devices x 256 images
  auto_scale_lr: { base_batch_size: 4096 },
};
