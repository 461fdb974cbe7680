// ImageNet for BYOL, as MMPretrain's `_base_/datasets/imagenet_bs32_byol.py`: two views with
// BYOL's asymmetric augmentations (blur always on the first view, solarisation on the second).
const dataset_type = 'ImageNet';
const data_root = 'data/imagenet/';

const data_preprocessor = {
  type: 'SelfSupDataPreprocessor',
  mean: [123.675, 116.28, 103.53],
  std: [58.395, 57.12, 57.375],
  to_rgb: true,
};

const colorJitter = {
  type: 'RandomApply',
  transforms: [{ type: 'ColorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.2, hue: 0.1 }],
  prob: 0.8,
};
const grayscale = { type: 'RandomGrayscale', prob: 0.2, keep_channels: true, channel_weights: [0.114, 0.587, 0.2989] };

const view_pipeline1 = [
  { type: 'RandomResizedCrop', scale: 224, interpolation: 'bicubic', backend: 'pillow' },
  { type: 'RandomFlip', prob: 0.5 },
  colorJitter,
  grayscale,
  { type: 'GaussianBlur', magnitude_range: [0.1, 2.0], magnitude_std: 'inf', prob: 1.0 },
  { type: 'Solarize', thr: 128, prob: 0.0 },
];
const view_pipeline2 = [
  { type: 'RandomResizedCrop', scale: 224, interpolation: 'bicubic', backend: 'pillow' },
  { type: 'RandomFlip', prob: 0.5 },
  colorJitter,
  grayscale,
  { type: 'GaussianBlur', magnitude_range: [0.1, 2.0], magnitude_std: 'inf', prob: 0.1 },
  { type: 'Solarize', thr: 128, prob: 0.2 },
];

const train_pipeline = [
  { type: 'LoadImageFromFile' },
  { type: 'MultiView', num_views: [1, 1], transforms: [view_pipeline1, view_pipeline2] },
  { type: 'PackInputs' },
];

export default {
  dataset_type,
  data_root,
  data_preprocessor,
  train_pipeline,
  train_dataloader: {
    batch_size: 32,
    num_workers: 4,
    drop_last: true,
    persistent_workers: true,
    sampler: { type: 'DefaultSampler', shuffle: true },
    collate_fn: { type: 'default_collate' },
    dataset: { type: dataset_type, data_root, split: 'train', pipeline: train_pipeline },
  },
};
