// Linear probe of a self-supervised ResNet_CIFAR-18 (SimCLR, MoCo v2, BYOL, SimSiam on MNIST): the
// backbone is loaded from the pre-training checkpoint (`init_cfg` Pretrained, entries under
// `backbone.`) and frozen (`frozen_stages: 4`, `norm_eval`); only the linear head learns, on the
// labelled digits. Give the checkpoint with
//   --cfg-options model.backbone.init_cfg.checkpoint=work_dirs/<pretraining>/epoch_5.safetensors
// or measure a randomly initialised backbone with --cfg-options model.backbone.init_cfg=null.
import resnet from '../_base_/models/resnet18-cifar-c16_mnist';

export default {
  _base_: ['../../_base_/datasets/mnist_bs128.ts', '../../_base_/default_runtime.ts'],
  model: {
    type: 'ImageClassifier',
    backbone: {
      ...resnet.backbone,
      frozen_stages: 4,
      norm_eval: true,
      init_cfg: { type: 'Pretrained', checkpoint: '', prefix: 'backbone.' },
    },
    neck: { type: 'GlobalAveragePooling' },
    head: { type: 'LinearClsHead', num_classes: 10, in_channels: 128, loss: { type: 'CrossEntropyLoss', loss_weight: 1.0 } },
  },
  optim_wrapper: { type: 'OptimWrapper', optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9, weight_decay: 0.0 } },
  param_scheduler: [{ type: 'CosineAnnealingLR', T_max: 10, by_epoch: true, begin: 0, end: 10 }],
  train_cfg: { by_epoch: true, max_epochs: 10, val_interval: 1 },
  val_cfg: {},
  test_cfg: {},
  default_hooks: { logger: { interval: 20 }, checkpoint: { type: 'CheckpointHook', interval: 10, max_keep_ckpts: 1 } },
  randomness: { seed: 0 },
};
