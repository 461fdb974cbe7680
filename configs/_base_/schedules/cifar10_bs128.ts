// The CIFAR-10 schedule of MMPretrain's `_base_/schedules/cifar10_bs128.py`.
export default {
  optim_wrapper: {
    optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9, weight_decay: 0.0001 },
  },
  param_scheduler: { type: 'MultiStepLR', by_epoch: true, milestones: [100, 150], gamma: 0.1 },
  train_cfg: { by_epoch: true, max_epochs: 200, val_interval: 1 },
  val_cfg: {},
  test_cfg: {},
  auto_scale_lr: { base_batch_size: 128 },
};
