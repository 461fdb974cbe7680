// SGD with a cosine learning rate over 200 epochs, as MMPretrain's
// `_base_/schedules/imagenet_sgd_coslr_200e.py`.
export default {
  optim_wrapper: { type: 'OptimWrapper', optimizer: { type: 'SGD', lr: 0.03, weight_decay: 1e-4, momentum: 0.9 } },
  param_scheduler: [{ type: 'CosineAnnealingLR', T_max: 200, by_epoch: true, begin: 0, end: 200 }],
  train_cfg: { type: 'EpochBasedTrainLoop', max_epochs: 200 },
};
