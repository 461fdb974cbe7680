// The MNIST digits without their labels, one lightly cropped 1x28x28 view each, for MAE (which
// masks patches inside the model).
const dataset_type = 'CustomDataset';
const data_root = 'data/mnist';

const data_preprocessor = { type: 'SelfSupDataPreprocessor', mean: [33.46], std: [78.87] };

const train_pipeline = [
  { type: 'LoadImageFromFile', color_type: 'grayscale' },
  { type: 'RandomResizedCrop', scale: 28, crop_ratio_range: [0.6, 1.0], aspect_ratio_range: [0.8, 1.25] },
  { type: 'PackInputs' },
];

export default {
  dataset_type,
  data_root,
  data_preprocessor,
  train_pipeline,
  train_dataloader: {
    batch_size: 256,
    num_workers: 2,
    drop_last: true,
    sampler: { type: 'DefaultSampler', shuffle: true },
    collate_fn: { type: 'default_collate' },
    dataset: { type: dataset_type, data_root, data_prefix: 'train', with_label: false, pipeline: train_pipeline },
  },
};
