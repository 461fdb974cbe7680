// CIFAR-10, as MMPretrain's `_base_/datasets/cifar10_bs16.py`.
const dataset_type = 'CIFAR10';

const data_preprocessor = {
  num_classes: 10,
  // RGB format normalization parameters
  mean: [125.307, 122.961, 113.8575],
  std: [51.5865, 50.847, 51.255],
  // loaded images are already RGB format
  to_rgb: false,
};

const train_pipeline = [
  { type: 'RandomCrop', crop_size: 32, padding: 4 },
  { type: 'RandomFlip', prob: 0.5, direction: 'horizontal' },
  { type: 'PackInputs' },
];

const test_pipeline = [{ type: 'PackInputs' }];

const val_dataloader = {
  batch_size: 16,
  num_workers: 2,
  dataset: { type: dataset_type, data_root: 'data/cifar10/', split: 'test', pipeline: test_pipeline },
  sampler: { type: 'DefaultSampler', shuffle: false },
};

const val_evaluator = { type: 'Accuracy', topk: [1] };

export default {
  dataset_type,
  data_preprocessor,
  train_pipeline,
  test_pipeline,
  train_dataloader: {
    batch_size: 16,
    num_workers: 2,
    dataset: { type: dataset_type, data_root: 'data/cifar10', split: 'train', pipeline: train_pipeline },
    sampler: { type: 'DefaultSampler', shuffle: true },
  },
  val_dataloader,
  val_evaluator,
  test_dataloader: val_dataloader,
  test_evaluator: val_evaluator,
};
