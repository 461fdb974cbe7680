// ResNet-18 (CIFAR variant) on CIFAR-10, as MMPretrain's `configs/resnet/resnet18_8xb16_cifar10.py`.
export default {
  _base_: [
    '../_base_/models/resnet18_cifar.ts',
    '../_base_/datasets/cifar10_bs16.ts',
    '../_base_/schedules/cifar10_bs128.ts',
    '../_base_/default_runtime.ts',
  ],
};
