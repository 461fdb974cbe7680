// LARS with a linear warm-up and a cosine decay over 200 epochs, as MMPretrain's
// `_base_/schedules/imagenet_lars_coslr_200e.py`.
export default {
  optim_wrapper: { type: 'OptimWrapper', optimizer: { type: 'LARS', lr: 4.8, weight_decay: 1e-6, momentum: 0.9 } },
  param_scheduler: [
    { type: 'LinearLR', start_factor: 1e-4, by_epoch: true, begin: 0, end: 10, convert_to_iter_based: true },
    { type: 'CosineAnnealingLR', T_max: 190, by_epoch: true, begin: 10, end: 200 },
  ],
  train_cfg: { type: 'EpochBasedTrainLoop', max_epochs: 200 },
};
