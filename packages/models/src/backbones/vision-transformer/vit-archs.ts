/** The size of a VisionTransformer: MMPretrain's `arch` dict. */
export interface VisionTransformerArch {
  embed_dims: number;
  num_layers: number;
  num_heads: number;
  feedforward_channels: number;
}

const SMALL: VisionTransformerArch = { embed_dims: 768, num_layers: 8, num_heads: 8, feedforward_channels: 768 * 3 };
const BASE: VisionTransformerArch = { embed_dims: 768, num_layers: 12, num_heads: 12, feedforward_channels: 3072 };
const LARGE: VisionTransformerArch = { embed_dims: 1024, num_layers: 24, num_heads: 16, feedforward_channels: 4096 };
const HUGE: VisionTransformerArch = { embed_dims: 1280, num_layers: 32, num_heads: 16, feedforward_channels: 5120 };
const DEIT_TINY: VisionTransformerArch = { embed_dims: 192, num_layers: 12, num_heads: 3, feedforward_channels: 192 * 4 };
const DEIT_SMALL: VisionTransformerArch = { embed_dims: 384, num_layers: 12, num_heads: 6, feedforward_channels: 384 * 4 };
const DEIT_BASE: VisionTransformerArch = { embed_dims: 768, num_layers: 12, num_heads: 12, feedforward_channels: 768 * 4 };

/** MMPretrain's `VisionTransformer.arch_zoo` (names and their short forms). */
export const VIT_ARCHS: Readonly<Record<string, VisionTransformerArch>> = {
  s: SMALL,
  small: SMALL,
  b: BASE,
  base: BASE,
  l: LARGE,
  large: LARGE,
  h: HUGE,
  huge: HUGE,
  'deit-t': DEIT_TINY,
  'deit-tiny': DEIT_TINY,
  'deit-s': DEIT_SMALL,
  'deit-small': DEIT_SMALL,
  'deit-b': DEIT_BASE,
  'deit-base': DEIT_BASE,
};

/** The arch settings of a name or a dict (checked for the four keys). */
export function resolveVitArch(arch: string | VisionTransformerArch, owner: string): VisionTransformerArch {
  if (typeof arch === 'string') {
    const settings = VIT_ARCHS[arch.toLowerCase()];
    if (!settings) throw new RangeError(`${owner}: unknown arch "${arch}"; choose one of ${Object.keys(VIT_ARCHS).join(', ')} or give a dict`);
    return settings;
  }
  for (const key of ['embed_dims', 'num_layers', 'num_heads', 'feedforward_channels'] as const) {
    if (typeof arch[key] !== 'number') throw new TypeError(`${owner}: a custom arch needs the number "${key}", got ${JSON.stringify(arch)}`);
  }
  return arch;
}
