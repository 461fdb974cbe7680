// The small ViT of the MNIST self-supervised configs: 4x4 patches of 1x28x28 digits (a 7x7 grid),
// 96 channels, 6 layers of 3 heads.
export const arch = { embed_dims: 96, num_layers: 6, num_heads: 3, feedforward_channels: 384 };

export default { arch, img_size: 28, patch_size: 4, in_channels: 1 };
