// LeNet-5 trained on a custom folder dataset: `data/my_digits/{train,val}/<class>/*.png` under the
// working directory (this example's folder when run with `pnpm start`). CustomDataset's sub-folder
// format needs no annotation file: the classes are the sorted folder names (four, nine, one,
// seven), and the labels follow from where each image lies.
const dataset_type = 'CustomDataset';
const data_root = 'data/my_digits';

const pipeline = [
  { type: 'LoadImageFromFile', color_type: 'grayscale' },
  { type: 'Resize', scale: [32, 32] },
  { type: 'PackInputs' },
];

const val_dataloader = {
  batch_size: 64,
  num_workers: 1,
  dataset: { type: dataset_type, data_root, data_prefix: 'val', pipeline },
  sampler: { type: 'DefaultSampler', shuffle: false },
};

const val_evaluator = [
  { type: 'Accuracy', topk: [1] },
  { type: 'SingleLabelMetric', items: ['precision', 'recall'] },
];

export default {
  _base_: ['../../../configs/_base_/models/lenet5.ts', '../../../configs/_base_/default_runtime.ts'],
  // Four classes instead of MNIST's ten: only the classifier's last layer changes.
  model: { backbone: { num_classes: 4 } },
  data_preprocessor: { num_classes: 4, mean: [33.46], std: [78.87] },
  train_dataloader: {
    batch_size: 32,
    num_workers: 1,
    dataset: { type: dataset_type, data_root, data_prefix: 'train', pipeline },
    sampler: { type: 'DefaultSampler', shuffle: true },
  },
  val_dataloader,
  val_evaluator,
  test_dataloader: val_dataloader,
  test_evaluator: val_evaluator,
  optim_wrapper: { optimizer: { type: 'SGD', lr: 0.05, momentum: 0.9, weight_decay: 0.0001 } },
  param_scheduler: { type: 'CosineAnnealingLR', by_epoch: true, T_max: 10, eta_min: 0 },
  train_cfg: { by_epoch: true, max_epochs: 10, val_interval: 1 },
  val_cfg: {},
  test_cfg: {},
  default_hooks: { logger: { interval: 5 }, checkpoint: { type: 'CheckpointHook', interval: 1, max_keep_ckpts: 2 } },
  randomness: { seed: 0 },
};
