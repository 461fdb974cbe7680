// The small backbone of the MNIST self-supervised configs: ResNet_CIFAR-18 on 1-channel digits
// with 16 base channels (128 at the last stage) and a stride-2 first stage (14x14 maps from
// 28x28 digits), so that a CPU pre-trains it in minutes.
export default {
  backbone: {
    type: 'ResNet_CIFAR',
    depth: 18,
    in_channels: 1,
    base_channels: 16,
    strides: [2, 2, 2, 2],
    out_indices: [3],
    norm_cfg: { type: 'BN' },
  },
};
