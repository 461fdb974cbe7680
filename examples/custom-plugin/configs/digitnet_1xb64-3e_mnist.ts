// DigitNet, a backbone of this plugin, trained on the MNIST digits with the plugin's GaussianNoise
// augmentation and evaluated with its ErrorRate metric besides Accuracy. `custom_imports` imports
// the plugin (a path relative to this file, or a package name once published) and calls its
// `register`, so the three names below resolve. Data: `data/mnist` under the working directory
// (the repository root), as the shipped LeNet-5 config.
const train_pipeline = [
  { type: 'LoadImageFromFile', color_type: 'grayscale' },
  { type: 'GaussianNoise', std: 20, prob: 0.5 },
  { type: 'PackInputs' },
];

const test_pipeline = [{ type: 'LoadImageFromFile', color_type: 'grayscale' }, { type: 'PackInputs' }];

const evaluator = [{ type: 'Accuracy', topk: [1] }, { type: 'ErrorRate' }];

export default {
  _base_: ['../../../configs/_base_/datasets/mnist_bs128.ts', '../../../configs/_base_/default_runtime.ts'],
  custom_imports: { imports: ['../src/index.ts'], allow_failed_imports: false },
  model: {
    type: 'ImageClassifier',
    backbone: { type: 'DigitNet', in_channels: 1, widths: [16, 32, 64, 128] },
    neck: { type: 'GlobalAveragePooling' },
    head: { type: 'LinearClsHead', num_classes: 10, in_channels: 128, loss: { type: 'CrossEntropyLoss', loss_weight: 1.0 } },
  },
  train_dataloader: { batch_size: 64, dataset: { pipeline: train_pipeline } },
  val_dataloader: { dataset: { pipeline: test_pipeline } },
  test_dataloader: { dataset: { pipeline: test_pipeline } },
  val_evaluator: evaluator,
  test_evaluator: evaluator,
  optim_wrapper: { optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9, weight_decay: 0.0001 } },
  param_scheduler: { type: 'CosineAnnealingLR', by_epoch: true, T_max: 3, eta_min: 0 },
  train_cfg: { by_epoch: true, max_epochs: 3, val_interval: 1 },
  val_cfg: {},
  test_cfg: {},
  default_hooks: { logger: { interval: 20 }, checkpoint: { type: 'CheckpointHook', interval: 1, max_keep_ckpts: 1, save_best: 'auto' } },
  randomness: { seed: 0 },
};
