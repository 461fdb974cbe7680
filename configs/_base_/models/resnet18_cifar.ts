// ResNet-18, CIFAR variant (3x3 stem, no max pool), as MMPretrain's `_base_/models/resnet18_cifar.py`.
export default {
  model: {
    type: 'ImageClassifier',
    backbone: {
      type: 'ResNet_CIFAR',
      depth: 18,
      num_stages: 4,
      out_indices: [3],
      style: 'pytorch',
    },
    neck: { type: 'GlobalAveragePooling' },
    head: {
      type: 'LinearClsHead',
      num_classes: 10,
      in_channels: 512,
      loss: { type: 'CrossEntropyLoss', loss_weight: 1.0 },
    },
  },
};
