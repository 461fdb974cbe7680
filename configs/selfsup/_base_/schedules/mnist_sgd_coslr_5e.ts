// SGD with a cosine learning rate over 5 epochs, for the MNIST self-supervised configs.
export default {
  optim_wrapper: { type: 'OptimWrapper', optimizer: { type: 'SGD', lr: 0.1, weight_decay: 5e-4, momentum: 0.9 } },
  param_scheduler: [{ type: 'CosineAnnealingLR', T_max: 5, by_epoch: true, begin: 0, end: 5 }],
  train_cfg: { type: 'EpochBasedTrainLoop', max_epochs: 5 },
};
