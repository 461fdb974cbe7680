import type { LayerConfig } from '../../builders/layer-config';

/** The options every ResNet block takes, as MMPretrain's `BasicBlock` and `Bottleneck`. */
export interface BlockOptions {
  in_channels: number;
  out_channels: number;
  expansion?: number;
  stride?: number;
  dilation?: number;
  downsample?: import('@mmpt/tensor').AnyModule | null;
  /** `'pytorch'`: the stride is on the 3x3 conv; `'caffe'`: on the first 1x1 conv. */
  style?: 'pytorch' | 'caffe';
  conv_cfg?: LayerConfig | null;
  norm_cfg?: LayerConfig;
  act_cfg?: LayerConfig;
  drop_path_rate?: number;
  /** ResNeXt: groups of the 3x3 conv of Bottleneck (1 for ResNet). */
  groups?: number;
  /** ResNeXt: channels per group; with `groups` and `base_channels` it sets Bottleneck's width. */
  width_per_group?: number;
  /** ResNeXt: the backbone's `base_channels`, the width that `width_per_group` scales. */
  base_channels?: number;
  /** SEResNet: the squeeze ratio of the SE layer of SEBottleneck. */
  se_ratio?: number;
  /**
   * Gradient checkpointing (default false): when the input requires grad, the block (all but its
   * last activation) keeps no activations and is recomputed in backward. Saves memory, costs time.
   */
  with_cp?: boolean;
}
