// MAE with a ViT-B/16 encoder and an 8-layer decoder, as MMPretrain's `_base_/models/mae_vit-base-p16.py`.
export default {
  model: {
    type: 'MAE',
    backbone: { type: 'MAEViT', arch: 'b', patch_size: 16, mask_ratio: 0.75 },
    neck: {
      type: 'MAEPretrainDecoder',
      patch_size: 16,
      in_chans: 3,
      embed_dim: 768,
      decoder_embed_dim: 512,
      decoder_depth: 8,
      decoder_num_heads: 16,
      mlp_ratio: 4.0,
    },
    head: { type: 'MAEPretrainHead', norm_pix: true, patch_size: 16, loss: { type: 'PixelReconstructionLoss', criterion: 'L2' } },
    init_cfg: [
      { type: 'Xavier', layer: 'Linear', distribution: 'uniform' },
      { type: 'Constant', layer: 'LayerNorm', val: 1.0, bias: 0.0 },
    ],
  },
};
