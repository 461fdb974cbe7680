// Linear probing of an MAE ViT-B/16 on ImageNet: the frozen encoder's class token (loaded from the
// pre-training checkpoint's `backbone.` entries), a BatchNorm without affine, and a linear head
// trained with LARS over 90 epochs, 8 devices x 2048 images, as MMPretrain's
// `configs/mae/benchmarks/vit-base-p16_8xb2048-linear-coslr-90e_in1k.py`. Set the checkpoint with
// --cfg-options model.backbone.init_cfg.checkpoint=<pre-training checkpoint>.
const dataset_type = 'ImageNet';
const data_root = 'data/imagenet/';

const data_preprocessor = { num_classes: 1000, mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375], to_rgb: true };

const train_pipeline = [
  { type: 'LoadImageFromFile' },
  { type: 'RandomResizedCrop', scale: 224, backend: 'pillow', interpolation: 'bicubic' },
  { type: 'RandomFlip', prob: 0.5 },
  { type: 'PackInputs' },
];
const test_pipeline = [
  { type: 'LoadImageFromFile' },
  { type: 'ResizeEdge', scale: 256, edge: 'short', backend: 'pillow', interpolation: 'bicubic' },
  { type: 'CenterCrop', crop_size: 224 },
  { type: 'PackInputs' },
];

const val_dataloader = {
  batch_size: 128,
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
      type: 'VisionTransformer',
      arch: 'base',
      img_size: 224,
      patch_size: 16,
      frozen_stages: 12,
      out_type: 'cls_token',
      final_norm: true,
      init_cfg: { type: 'Pretrained', checkpoint: '', prefix: 'backbone.' },
    },
    neck: { type: 'ClsBatchNormNeck', input_features: 768 },
    head: {
      type: 'VisionTransformerClsHead',
      num_classes: 1000,
      in_channels: 768,
      loss: { type: 'CrossEntropyLoss' },
      init_cfg: [{ type: 'TruncNormal', layer: 'Linear', std: 0.01 }],
    },
  },
  train_dataloader: {
    batch_size: 2048,
    num_workers: 8,
    drop_last: true,
    dataset: { type: dataset_type, data_root, split: 'train', pipeline: train_pipeline },
    sampler: { type: 'DefaultSampler', shuffle: true },
  },
  val_dataloader,
  val_evaluator,
  test_dataloader: val_dataloader,
  test_evaluator: val_evaluator,
  optim_wrapper: { type: 'AmpOptimWrapper', optimizer: { type: 'LARS', lr: 6.4, weight_decay: 0.0, momentum: 0.9 } },
  param_scheduler: [
    { type: 'LinearLR', start_factor: 1e-4, by_epoch: true, begin: 0, end: 10, convert_to_iter_based: true },
    { type: 'CosineAnnealingLR', T_max: 80, by_epoch: true, begin: 10, end: 90, eta_min: 0.0, convert_to_iter_based: true },
  ],
  train_cfg: { by_epoch: true, max_epochs: 90, val_interval: 10 },
  val_cfg: {},
  test_cfg: {},
  default_hooks: { checkpoint: { type: 'CheckpointHook', interval: 10, max_keep_ckpts: 3 } },
  randomness: { seed: 0, diff_rank_seed: true },
  auto_scale_lr: { base_batch_size: 16384 },
};
