// Linear evaluation of a self-supervised ResNet-50 (SimCLR, MoCo v2, BYOL, SimSiam) on ImageNet:
// the backbone loaded from the pre-training checkpoint's `backbone.` entries and frozen, a linear
// head trained with LARS over 90 epochs, 8 devices x 512 images, as MMPretrain's
// `configs/simclr/benchmarks/resnet50_8xb512-linear-coslr-90e_in1k.py`. Set the checkpoint with
// --cfg-options model.backbone.init_cfg.checkpoint=<pre-training checkpoint>.
const dataset_type = 'ImageNet';
const data_root = 'data/imagenet/';

const data_preprocessor = { num_classes: 1000, mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375], to_rgb: true };

const train_pipeline = [
  { type: 'LoadImageFromFile' },
  { type: 'RandomResizedCrop', scale: 224, backend: 'pillow' },
  { type: 'RandomFlip', prob: 0.5, direction: 'horizontal' },
  { type: 'PackInputs' },
];
const test_pipeline = [
  { type: 'LoadImageFromFile' },
  { type: 'ResizeEdge', scale: 256, edge: 'short', backend: 'pillow' },
  { type: 'CenterCrop', crop_size: 224 },
  { type: 'PackInputs' },
];

const val_dataloader = {
  batch_size: 64,
  num_workers: 5,
  dataset: { type: dataset_type, data_root, split: 'val', pipeline: test_pipeline },
  sampler: { type: 'DefaultSampler', shuffle: false },
};
const val_evaluator = { type: 'Accuracy', topk: [1, 5] };

export default {
  _base_: ['../../_base_/default_runtime.ts'],
  data_preprocessor,
  model: {
    type: 'ImageClassifier',
    backbone: {
      type: 'ResNet',
      depth: 50,
      num_stages: 4,
      out_indices: [3],
      style: 'pytorch',
      frozen_stages: 4,
      norm_eval: true,
      init_cfg: { type: 'Pretrained', checkpoint: '', prefix: 'backbone.' },
    },
    neck: { type: 'GlobalAveragePooling' },
    head: { type: 'LinearClsHead', num_classes: 1000, in_channels: 2048, loss: { type: 'CrossEntropyLoss', loss_weight: 1.0 }, topk: [1, 5] },
  },
  train_dataloader: {
    batch_size: 512,
    num_workers: 5,
    dataset: { type: dataset_type, data_root, split: 'train', pipeline: train_pipeline },
    sampler: { type: 'DefaultSampler', shuffle: true },
  },
  val_dataloader,
  val_evaluator,
  test_dataloader: val_dataloader,
  test_evaluator: val_evaluator,
  optim_wrapper: { type: 'OptimWrapper', optimizer: { type: 'LARS', lr: 1.6, momentum: 0.9, weight_decay: 0.0 } },
  param_scheduler: [{ type: 'CosineAnnealingLR', T_max: 90, by_epoch: true, begin: 0, end: 90 }],
  train_cfg: { by_epoch: true, max_epochs: 90, val_interval: 1 },
  val_cfg: {},
  test_cfg: {},
  default_hooks: { checkpoint: { type: 'CheckpointHook', interval: 10, max_keep_ckpts: 3 } },
  auto_scale_lr: { base_batch_size: 4096 },
};
