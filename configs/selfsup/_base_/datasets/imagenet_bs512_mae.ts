// ImageNet for MAE, as MMPretrain's `_base_/datasets/imagenet_bs512_mae.py`: one random resized
// crop and flip per image; the masking happens inside the model.
const dataset_type = 'ImageNet';
const data_root = 'data/imagenet/';

const data_preprocessor = {
  type: 'SelfSupDataPreprocessor',
  mean: [123.675, 116.28, 103.53],
  std: [58.395, 57.12, 57.375],
  to_rgb: true,
};

const train_pipeline = [
  { type: 'LoadImageFromFile' },
  { type: 'RandomResizedCrop', scale: 224, crop_ratio_range: [0.2, 1.0], backend: 'pillow', interpolation: 'bicubic' },
  { type: 'RandomFlip', prob: 0.5 },
  { type: 'PackInputs' },
];

export default {
  dataset_type,
  data_root,
  data_preprocessor,
  train_pipeline,
  train_dataloader: {
    batch_size: 512,
    num_workers: 8,
    persistent_workers: true,
    sampler: { type: 'DefaultSampler', shuffle: true },
    collate_fn: { type: 'default_collate' },
    dataset: { type: dataset_type, data_root, split: 'train', pipeline: train_pipeline },
  },
};
