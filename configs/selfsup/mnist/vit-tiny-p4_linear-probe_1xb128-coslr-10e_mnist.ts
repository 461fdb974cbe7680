// Linear probe of a self-supervised tiny ViT (MAE or MoCo v3 on MNIST), as MMPretrain's MAE linear
// probing: the class token of the frozen ViT (`frozen_stages: 6`, loaded from the checkpoint's
// `backbone.` entries), a BatchNorm without affine (ClsBatchNormNeck), and a linear head. Give the
// checkpoint with
//   --cfg-options model.backbone.init_cfg.checkpoint=work_dirs/<pretraining>/epoch_5.safetensors
// or measure a randomly initialised backbone with --cfg-options model.backbone.init_cfg=null.
import vit from '../_base_/models/vit-tiny-p4_mnist';

export default {
  _base_: ['../../_base_/datasets/mnist_bs128.ts', '../../_base_/default_runtime.ts'],
  model: {
    type: 'ImageClassifier',
    backbone: {
      type: 'VisionTransformer',
      ...vit,
      out_type: 'cls_token',
      frozen_stages: 6,
      init_cfg: { type: 'Pretrained', checkpoint: '', prefix: 'backbone.' },
    },
    neck: { type: 'ClsBatchNormNeck', input_features: 96 },
    head: { type: 'LinearClsHead', num_classes: 10, in_channels: 96, loss: { type: 'CrossEntropyLoss', loss_weight: 1.0 } },
  },
  optim_wrapper: { type: 'OptimWrapper', optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9, weight_decay: 0.0 } },
  param_scheduler: [{ type: 'CosineAnnealingLR', T_max: 10, by_epoch: true, begin: 0, end: 10 }],
  train_cfg: { by_epoch: true, max_epochs: 10, val_interval: 1 },
  val_cfg: {},
  test_cfg: {},
  default_hooks: { logger: { interval: 20 }, checkpoint: { type: 'CheckpointHook', interval: 10, max_keep_ckpts: 1 } },
  randomness: { seed: 0 },
};
