import { roundHalfEven } from '../../utils/round-half-even';

/** A RegNet design: MMPretrain's `arch` dict. */
export interface RegNetArch {
  /** Initial width. */
  w0: number;
  /** Slope of the widths. */
  wa: number;
  /** Quantisation parameter of the widths. */
  wm: number;
  /** Channels per group. */
  group_w: number;
  /** Blocks in total. */
  depth: number;
  /** Bottleneck ratio. */
  bot_mul: number;
}

/** MMPretrain's `RegNet.arch_settings` (the RegNetX family). */
export const REGNET_ARCHS: Readonly<Record<string, RegNetArch>> = {
  'regnetx_400mf': { w0: 24, wa: 24.48, wm: 2.54, group_w: 16, depth: 22, bot_mul: 1.0 },
  'regnetx_800mf': { w0: 56, wa: 35.73, wm: 2.28, group_w: 16, depth: 16, bot_mul: 1.0 },
  'regnetx_1.6gf': { w0: 80, wa: 34.01, wm: 2.25, group_w: 24, depth: 18, bot_mul: 1.0 },
  'regnetx_3.2gf': { w0: 88, wa: 26.31, wm: 2.25, group_w: 48, depth: 25, bot_mul: 1.0 },
  'regnetx_4.0gf': { w0: 96, wa: 38.65, wm: 2.43, group_w: 40, depth: 23, bot_mul: 1.0 },
  'regnetx_6.4gf': { w0: 184, wa: 60.83, wm: 2.07, group_w: 56, depth: 17, bot_mul: 1.0 },
  'regnetx_8.0gf': { w0: 80, wa: 49.56, wm: 2.88, group_w: 120, depth: 23, bot_mul: 1.0 },
  'regnetx_12gf': { w0: 168, wa: 73.36, wm: 2.37, group_w: 112, depth: 19, bot_mul: 1.0 },
};

/** The width, block count and group width of each stage of a RegNet design. */
export interface RegNetStages {
  widths: number[];
  blocks: number[];
  groupWidths: number[];
}

/**
 * MMPretrain's `generate_regnet`, `get_stages_from_blocks` and `adjust_width_group`: quantised
 * per-block widths (multiples of 8), grouped into stages of equal width, with widths made
 * divisible by the group width.
 */
export function regnetStages(arch: RegNetArch, divisor = 8): RegNetStages {
  if (!(arch.wa >= 0) || !(arch.w0 > 0) || !(arch.wm > 1) || arch.w0 % divisor !== 0) {
    throw new RangeError(`RegNet: invalid arch ${JSON.stringify(arch)} (needs wa >= 0, w0 > 0 divisible by ${divisor}, wm > 1)`);
  }
  const widths: number[] = [];
  for (let index = 0; index < arch.depth; index++) {
    const continuous = index * arch.wa + arch.w0;
    const exponent = roundHalfEven(Math.log(continuous / arch.w0) / Math.log(arch.wm));
    widths.push(roundHalfEven((arch.w0 * arch.wm ** exponent) / divisor) * divisor);
  }
  const stageWidths: number[] = [];
  const starts: number[] = [];
  widths.forEach((width, index) => {
    if (index === 0 || width !== widths[index - 1]) {
      stageWidths.push(width);
      starts.push(index);
    }
  });
  starts.push(widths.length);
  const blocks = starts.slice(1).map((end, index) => end - (starts[index] as number));
  const bottleneck = stageWidths.map((width) => Math.trunc(width * arch.bot_mul));
  const groupWidths = bottleneck.map((width) => Math.min(arch.group_w, width));
  const quantized = bottleneck.map((width, index) => Math.trunc(roundHalfEven(width / (groupWidths[index] as number)) * (groupWidths[index] as number)));
  return { widths: quantized.map((width) => Math.trunc(width / arch.bot_mul)), blocks, groupWidths };
}
