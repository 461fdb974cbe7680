// SimSiam with ResNet-50 on ImageNet, 8 devices x 32 images, SGD with a cosine schedule over 100
// epochs (the predictor's learning rate fixed), as MMPretrain's
// `configs/simsiam/simsiam_resnet50_8xb32-coslr-100e_in1k.py`.
export default {
  _base_: ['./_base_/datasets/imagenet_bs32_mocov2.ts', './_base_/schedules/imagenet_sgd_coslr_200e.ts', '../_base_/default_runtime.ts'],
  model: {
    type: 'SimSiam',
    backbone: { type: 'ResNet', depth: 50, norm_cfg: { type: 'SyncBN' }, zero_init_residual: true },
    neck: { type: 'NonLinearNeck', in_channels: 2048, hid_channels: 2048, out_channels: 2048, num_layers: 3, with_last_bn_affine: false, with_avg_pool: true },
    head: {
      type: 'LatentPredictHead',
      predictor: { type: 'NonLinearNeck', in_channels: 2048, hid_channels: 512, out_channels: 2048, with_avg_pool: false, with_last_bn: false, with_last_bias: true },
      loss: { type: 'CosineSimilarityLoss' },
    },
  },
  // lr = 0.05 x batch / 256. MMPretrain keeps the predictor's learning rate fixed with its
  // SimSiamHook; that hook is not available here, so the predictor follows the cosine schedule too.
  optim_wrapper: { type: 'OptimWrapper', optimizer: { type: 'SGD', lr: 0.05, weight_decay: 1e-4, momentum: 0.9 } },
  param_scheduler: [{ type: 'CosineAnnealingLR', T_max: 100, by_epoch: true, begin: 0, end: 100 }],
  train_cfg: { type: 'EpochBasedTrainLoop', max_epochs: 100 },
  default_hooks: { checkpoint: { type: 'CheckpointHook', interval: 10, max_keep_ckpts: 3 } },
  auto_scale_lr: { base_batch_size: 256 },
};
