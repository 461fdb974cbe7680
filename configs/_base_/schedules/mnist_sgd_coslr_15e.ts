// SGD with momentum and a cosine learning rate over 15 epochs, for LeNet-5 on MNIST.
export default {
  optim_wrapper: {
    optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9, weight_decay: 0.0001 },
  },
  param_scheduler: { type: 'CosineAnnealingLR', by_epoch: true, T_max: 15, eta_min: 0 },
  train_cfg: { by_epoch: true, max_epochs: 15, val_interval: 1 },
  val_cfg: {},
  test_cfg: {},
  auto_scale_lr: { base_batch_size: 128 },
};
