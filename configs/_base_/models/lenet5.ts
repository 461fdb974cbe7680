// LeNet-5 for grayscale digits, as MMPretrain's `_base_/models/lenet5.py`: the backbone ends in its
// own classifier and `ClsHead` only computes the loss and the predictions.
export default {
  model: {
    type: 'ImageClassifier',
    backbone: { type: 'LeNet5', num_classes: 10 },
    neck: null,
    head: {
      type: 'ClsHead',
      loss: { type: 'CrossEntropyLoss', loss_weight: 1.0 },
    },
  },
};
