// The MNIST digits without their labels, padded to 1x32x32, with SimMIM's random block mask
// (8-pixel blocks, 60% masked, on the 4-pixel patch grid of the model).
const dataset_type = 'CustomDataset';
const data_root = 'data/mnist';

const data_preprocessor = { type: 'SelfSupDataPreprocessor', mean: [33.46], std: [78.87] };

const train_pipeline = [
  { type: 'LoadImageFromFile', color_type: 'grayscale' },
  { type: 'Pad', size: [32, 32] },
  { type: 'SimMIMMaskGenerator', input_size: 32, mask_patch_size: 8, model_patch_size: 4, mask_ratio: 0.6 },
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
