// ImageNet for MoCo v3, as MMPretrain's `_base_/datasets/imagenet_bs512_mocov3.py`: BYOL-style
// asymmetric views with a crop ratio from 0.2.
import byol from './imagenet_bs32_byol';

const view = (blur: number, solarize: number) => [
  { type: 'RandomResizedCrop', scale: 224, crop_ratio_range: [0.2, 1.0], backend: 'pillow' },
  {
    type: 'RandomApply',
    transforms: [{ type: 'ColorJitter', brightness: 0.4, contrast: 0.4, saturation: 0.2, hue: 0.1 }],
    prob: 0.8,
  },
  { type: 'RandomGrayscale', prob: 0.2, keep_channels: true, channel_weights: [0.114, 0.587, 0.2989] },
  { type: 'GaussianBlur', magnitude_range: [0.1, 2.0], magnitude_std: 'inf', prob: blur },
  { type: 'Solarize', thr: 128, prob: solarize },
  { type: 'RandomFlip', prob: 0.5 },
];

const train_pipeline = [
  { type: 'LoadImageFromFile' },
  { type: 'MultiView', num_views: [1, 1], transforms: [view(1.0, 0.0), view(0.1, 0.2)] },
  { type: 'PackInputs' },
];

export default {
  dataset_type: byol.dataset_type,
  data_root: byol.data_root,
  data_preprocessor: byol.data_preprocessor,
  train_pipeline,
  train_dataloader: {
    batch_size: 512,
    num_workers: 8,
    drop_last: true,
    persistent_workers: true,
    sampler: { type: 'DefaultSampler', shuffle: true },
    collate_fn: { type: 'default_collate' },
    dataset: { type: byol.dataset_type, data_root: byol.data_root, split: 'train', pipeline: train_pipeline },
  },
};
