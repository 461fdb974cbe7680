// The guide's final model config, with the plugin's modules (loaded through custom_imports).
export default {
  custom_imports: { imports: ['../src/index.ts'] },
  model: {
    type: 'ImageClassifier',
    backbone: { type: 'custom.ResNet_CIFAR', depth: 18, num_stages: 4, out_indices: [3], style: 'pytorch' },
    neck: { type: 'custom.GlobalAveragePooling' },
    head: {
      type: 'LinearClsHead',
      num_classes: 10,
      in_channels: 512,
      loss: { type: 'custom.L1Loss', loss_weight: 1.0 },
      topk: [1, 5],
    },
  },
};
