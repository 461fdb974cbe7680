// ImageNet for SimCLR, as MMPretrain's `_base_/datasets/imagenet_bs32_simclr.py`: two views with
// strong colour distortion and blur.
const dataset_type = 'ImageNet';
const data_root = 'data/imagenet/';

const data_preprocessor = {
  type: 'SelfSupDataPreprocessor',
  mean: [123.675, 116.28, 103.53],
  std: [58.395, 57.12, 57.375],
  to_rgb: true,
};

const view_pipeline = [
  { type: 'RandomResizedCrop', scale: 224, backend: 'pillow' },
  { type: 'RandomFlip', prob: 0.5 },
  {
    type: 'RandomApply',
    transforms: [{ type: 'ColorJitter', brightness: 0.8, contrast: 0.8, saturation: 0.8, hue: 0.2 }],
    prob: 0.8,
  },
  { type: 'RandomGrayscale', prob: 0.2, keep_channels: true, channel_weights: [0.114, 0.587, 0.2989] },
  { type: 'GaussianBlur', magnitude_range: [0.1, 2.0], magnitude_std: 'inf', prob: 0.5 },
];

const train_pipeline = [
  { type: 'LoadImageFromFile' },
  { type: 'MultiView', num_views: 2, transforms: [view_pipeline] },
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
