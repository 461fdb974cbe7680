import { makeDivisible } from '../../utils/make-divisible';

/** One block of EfficientNet: kernel, out channels, SE ratio, stride, expand ratio, type (-1 conv, 0 inverted residual, 1 edge residual). */
export type EfficientNetBlockSetting = [kernel: number, channels: number, seRatio: number, stride: number, expandRatio: number, blockType: number];

/** MMPretrain's `EfficientNet.layer_settings`: 'b' (EfficientNet) and 'e' (EdgeTPU). */
export const EFFICIENTNET_LAYER_SETTINGS: Readonly<Record<'b' | 'e', EfficientNetBlockSetting[][]>> = {
  b: [
    [[3, 32, 0, 2, 0, -1]],
    [[3, 16, 4, 1, 1, 0]],
    [[3, 24, 4, 2, 6, 0], [3, 24, 4, 1, 6, 0]],
    [[5, 40, 4, 2, 6, 0], [5, 40, 4, 1, 6, 0]],
    [[3, 80, 4, 2, 6, 0], [3, 80, 4, 1, 6, 0], [3, 80, 4, 1, 6, 0], [5, 112, 4, 1, 6, 0], [5, 112, 4, 1, 6, 0], [5, 112, 4, 1, 6, 0]],
    [[5, 192, 4, 2, 6, 0], [5, 192, 4, 1, 6, 0], [5, 192, 4, 1, 6, 0], [5, 192, 4, 1, 6, 0], [3, 320, 4, 1, 6, 0]],
    [[1, 1280, 0, 1, 0, -1]],
  ],
  e: [
    [[3, 32, 0, 2, 0, -1]],
    [[3, 24, 0, 1, 3, 1]],
    [[3, 32, 0, 2, 8, 1], [3, 32, 0, 1, 8, 1]],
    [[3, 48, 0, 2, 8, 1], [3, 48, 0, 1, 8, 1], [3, 48, 0, 1, 8, 1], [3, 48, 0, 1, 8, 1]],
    [[5, 96, 0, 2, 8, 0], [5, 96, 0, 1, 8, 0], [5, 96, 0, 1, 8, 0], [5, 96, 0, 1, 8, 0], [5, 96, 0, 1, 8, 0], [5, 144, 0, 1, 8, 0], [5, 144, 0, 1, 8, 0], [5, 144, 0, 1, 8, 0], [5, 144, 0, 1, 8, 0]],
    [[5, 192, 0, 2, 8, 0], [5, 192, 0, 1, 8, 0]],
    [[1, 1280, 0, 1, 0, -1]],
  ],
};

/** MMPretrain's `EfficientNet.arch_settings`: width factor, depth factor, resolution. */
export const EFFICIENTNET_ARCHS: Readonly<Record<string, [number, number, number]>> = {
  b0: [1.0, 1.0, 224],
  b1: [1.0, 1.1, 240],
  b2: [1.1, 1.2, 260],
  b3: [1.2, 1.4, 300],
  b4: [1.4, 1.8, 380],
  b5: [1.6, 2.2, 456],
  b6: [1.8, 2.6, 528],
  b7: [2.0, 3.1, 600],
  b8: [2.2, 3.6, 672],
  l2: [4.3, 5.3, 800],
  es: [1.0, 1.0, 224],
  em: [1.0, 1.1, 240],
  el: [1.2, 1.4, 300],
};

/**
 * MMPretrain's `model_scaling`: widens every block by `widen` (to multiples of 8), splits the
 * stages where the width changes, repeats or drops blocks by `deepen` (rounded up), and merges
 * stride-1 groups back into the previous stage.
 */
export function scaleLayerSettings(settings: readonly EfficientNetBlockSetting[][], widen: number, deepen: number): EfficientNetBlockSetting[][] {
  const widened = settings.map((layer) => layer.map((block) => [block[0], makeDivisible(block[1] * widen, 8), ...block.slice(2)] as EfficientNetBlockSetting));
  const split: EfficientNetBlockSetting[][] = [widened[0] as EfficientNetBlockSetting[]];
  for (const layer of widened.slice(1, -1)) {
    const cuts = [0];
    for (let index = 0; index < layer.length - 1; index++) if ((layer[index + 1] as EfficientNetBlockSetting)[1] !== (layer[index] as EfficientNetBlockSetting)[1]) cuts.push(index + 1);
    cuts.push(layer.length);
    for (let index = 0; index < cuts.length - 1; index++) split.push(layer.slice(cuts[index], cuts[index + 1]));
  }
  split.push(widened[widened.length - 1] as EfficientNetBlockSetting[]);
  const merged: EfficientNetBlockSetting[][] = [split[0] as EfficientNetBlockSetting[]];
  for (const [index, layer] of split.slice(1, -1).entries()) {
    const count = Math.ceil(deepen * layer.length);
    const part = count <= layer.length ? layer.slice(0, count) : [...layer, ...new Array<EfficientNetBlockSetting>(count - layer.length).fill(layer[layer.length - 1] as EfficientNetBlockSetting)];
    if ((part[0] as EfficientNetBlockSetting)[3] === 1 && index !== 0) (merged[merged.length - 1] as EfficientNetBlockSetting[]).push(...part);
    else merged.push([...part]);
  }
  merged.push(split[split.length - 1] as EfficientNetBlockSetting[]);
  return merged;
}
