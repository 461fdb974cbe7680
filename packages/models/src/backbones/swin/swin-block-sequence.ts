import { ModuleList, type Tensor, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { PatchMerging } from '../../layers/patch-merging';
import { SwinBlock, type SwinBlockOptions } from './swin-block';

/** The options of {@link SwinBlockSequence}, as MMPretrain's. */
export interface SwinBlockSequenceOptions {
  embed_dims: number;
  depth: number;
  num_heads: number;
  window_size?: number;
  /** Merge patches (halving the map, doubling the channels) after the blocks. */
  downsample?: boolean;
  /** The drop-path rate of each block (or one for all). */
  drop_paths?: number | number[];
  pad_small_map?: boolean;
  /** Gradient checkpointing of every block (when its input requires grad). Default false. */
  with_cp?: boolean;
  block_cfgs?: Partial<SwinBlockOptions>;
}

/** MMPretrain's `SwinBlockSequence`: `blocks` (shifted every other block) and an optional `downsample` PatchMerging. */
export class SwinBlockSequence extends BaseModule<[Tensor, [number, number], boolean?], [Tensor, [number, number]]> {
  readonly embedDims: number;
  readonly blocks: ModuleList<SwinBlock>;
  readonly downsample: PatchMerging | null;

  constructor(options: SwinBlockSequenceOptions) {
    super();
    this.embedDims = options.embed_dims;
    const rates = Array.isArray(options.drop_paths) ? options.drop_paths : new Array<number>(options.depth).fill(options.drop_paths ?? 0);
    const blocks: SwinBlock[] = [];
    for (let index = 0; index < options.depth; index++) {
      blocks.push(
        new SwinBlock({
          embed_dims: options.embed_dims,
          num_heads: options.num_heads,
          window_size: options.window_size ?? 7,
          shift: index % 2 === 1,
          drop_path: rates[index] ?? 0,
          with_cp: options.with_cp ?? false,
          pad_small_map: options.pad_small_map ?? false,
          ...(options.block_cfgs ?? {}),
        }),
      );
    }
    this.blocks = this.registerModule('blocks', new ModuleList(blocks));
    this.downsample = this.registerModule('downsample', options.downsample ? new PatchMerging({ in_channels: this.embedDims, out_channels: 2 * this.embedDims }) : null);
  }

  /** The channels after this stage (doubled by the downsample). */
  get outChannels(): number {
    return this.downsample ? this.downsample.outChannels : this.embedDims;
  }

  forward(x: Tensor, size: [number, number], doDownsample = true): [Tensor, [number, number]] {
    return tidy(() => {
      let current = x;
      for (const block of this.blocks.children()) current = (block as SwinBlock).forward(current, size);
      if (this.downsample && doDownsample) return this.downsample.forward(current, size);
      return [current, size];
    });
  }
}
