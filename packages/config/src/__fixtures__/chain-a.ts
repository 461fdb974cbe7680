export default {
  model: { type: 'ImageClassifier', backbone: { type: 'ResNet', depth: 50, norm_cfg: { type: 'BN' } } },
  optim_wrapper: { optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 } },
  train_pipeline: [{ type: 'LoadImageFromFile' }, { type: 'RandomResizedCrop', scale: 224 }],
};
