/** One weight initialisation of MMEngine's `init_cfg`. */
export interface InitConfig {
  type: 'Kaiming' | 'Xavier' | 'Normal' | 'TruncNormal' | 'Uniform' | 'Constant' | 'Pretrained';
  /** Class names of the submodules to initialise (`Conv2d`, `Linear`, `_BatchNorm`, `GroupNorm`, ...). */
  layer?: string | string[];
  /** Initialisations of named submodules, applied to the whole submodule. */
  override?: (Partial<InitConfig> & { name: string }) | Array<Partial<InitConfig> & { name: string }>;
  /** The value of biases (all but Pretrained). */
  bias?: number;
  // Kaiming
  a?: number;
  mode?: 'fan_in' | 'fan_out';
  nonlinearity?: string;
  distribution?: 'normal' | 'uniform';
  // Xavier
  gain?: number;
  // Normal, TruncNormal
  mean?: number;
  std?: number;
  b?: number;
  // Constant
  val?: number;
  // Pretrained
  checkpoint?: string;
  prefix?: string;
}

/** `init_cfg` as configs write it: one config or a list. */
export type InitConfigInput = InitConfig | InitConfig[] | null | undefined;

/** `init_cfg` as a list. */
export function initConfigList(input: InitConfigInput): InitConfig[] {
  if (!input) return [];
  return Array.isArray(input) ? input : [input];
}
