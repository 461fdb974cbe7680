// ImageNet for SimMIM at 192 px, as MMPretrain's `_base_/datasets/imagenet_bs256_simmim_192.py`:
// a crop and flip, then a random block mask (32 px blocks, 60% masked) on the model's patch grid.
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
  { type: 'RandomResizedCrop', scale: 192, crop_ratio_range: [0.67, 1.0], aspect_ratio_range: [3.0 / 4.0, 4.0 / 3.0] },
  { type: 'RandomFlip', prob: 0.5 },
  // model_patch_size 16 for ViT-B/16 (MMPretrain's Swin uses 4)
  { type: 'SimMIMMaskGenerator', input_size: 192, mask_patch_size: 32, model_patch_size: 16, mask_ratio: 0.6 },
  { type: 'PackInputs' },
];

export default {
  dataset_type,
  data_root,
  data_preprocessor,
  train_pipeline,
  train_dataloader: {
    batch_size: 256,
    num_workers: 8,
    persistent_workers: true,
    sampler: { type: 'DefaultSampler', shuffle: true },
    collate_fn: { type: 'default_collate' },
    dataset: { type: dataset_type, data_root, split: 'train', pipeline: train_pipeline },
  },
};
