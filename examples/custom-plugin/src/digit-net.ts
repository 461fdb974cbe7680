import { BaseModule, ConvModule, type InitConfigInput } from '@mmpt/models';
import { ModuleList, type Tensor, tidy } from '@mmpt/tensor';

/** The options of {@link DigitNet} (snake_case, as config keys are). */
export interface DigitNetOptions {
  /** Channels of the input images; 1 for gray digits. */
  in_channels?: number;
  /** Channels of each stage; every stage after the first halves the resolution. */
  widths?: number[];
  /** The stages whose outputs are returned (the last one by default). */
  out_indices?: number[];
  init_cfg?: InitConfigInput;
}

/**
 * A small backbone for digits, written for this plugin: stages of 3x3 ConvModules (conv, batch
 * norm, ReLU), the first at full resolution (a CIFAR-style stem, as the guide's `ResNet_CIFAR`:
 * small images need no 7x7 stride-2 stem), the others with stride 2. Following the convention of
 * MMPretrain's backbones it returns a list with the outputs of the stages in `out_indices`.
 *
 * @example
 * { type: 'DigitNet', widths: [16, 32, 64, 128] } // then GlobalAveragePooling and a LinearClsHead with in_channels 128
 */
export class DigitNet extends BaseModule<[Tensor], Tensor[]> {
  readonly stages: ModuleList<ConvModule>;
  readonly outIndices: number[];

  constructor(options: DigitNetOptions = {}) {
    super(options.init_cfg ?? [{ type: 'Kaiming', layer: ['Conv2d'] }, { type: 'Constant', val: 1, layer: ['_BatchNorm'] }]);
    const widths = options.widths ?? [16, 32, 64, 128];
    if (widths.length === 0) throw new RangeError('DigitNet: widths must list at least one stage');
    this.outIndices = options.out_indices ?? [widths.length - 1];
    for (const index of this.outIndices) {
      if (!Number.isInteger(index) || index < 0 || index >= widths.length) throw new RangeError(`DigitNet: out_indices has ${index}, outside 0..${widths.length - 1}`);
    }
    this.stages = this.registerModule('stages', new ModuleList<ConvModule>());
    let channels = options.in_channels ?? 1;
    for (const [index, width] of widths.entries()) {
      this.stages.append(new ConvModule(channels, width, 3, { stride: index === 0 ? 1 : 2, padding: 1, norm_cfg: { type: 'BN' } }));
      channels = width;
    }
  }

  forward(x: Tensor): Tensor[] {
    return tidy(() => {
      const outs: Tensor[] = [];
      let current = x;
      for (let index = 0; index < this.stages.length; index++) {
        current = this.stages.get(index).forward(current);
        if (this.outIndices.includes(index)) outs.push(current);
      }
      return outs;
    });
  }
}
