/** What the backend reports of its adapter and device. */
export interface WebGpuAdapterReport {
  /** `GPUAdapterInfo`: vendor, architecture, device and description (empty where not exposed). */
  readonly vendor: string;
  readonly architecture: string;
  readonly deviceName: string;
  readonly description: string;
  /** Whether the browser/Dawn flags the adapter as a fallback adapter. */
  readonly isFallbackAdapter: boolean;
  /** Whether the adapter is a software rasteriser (fallback, or llvmpipe/lavapipe/SwiftShader). */
  readonly isSoftware: boolean;
  /** Features enabled on the device (sorted). */
  readonly features: readonly string[];
  /** Features the adapter offers (sorted). */
  readonly adapterFeatures: readonly string[];
  /** Whether float16 storage and arithmetic (`shader-f16`) is enabled. */
  readonly shaderF16: boolean;
  /** Whether subgroup operations are offered by the adapter. */
  readonly subgroups: boolean;
  /** Whether timestamp queries are offered by the adapter. */
  readonly timestampQuery: boolean;
  /** The device's limits (numeric `GPUSupportedLimits` entries). */
  readonly limits: Readonly<Record<string, number>>;
}

const SOFTWARE_PATTERN = /llvmpipe|lavapipe|swiftshader|software|warp|microsoft basic render/i;

/** Copies the numeric entries of a `GPUSupportedLimits` (its properties are prototype getters). */
export function limitsRecord(limits: GPUSupportedLimits): Record<string, number> {
  const record: Record<string, number> = {};
  const keys = new Set<string>();
  for (const key in limits) keys.add(key);
  for (let prototype = Object.getPrototypeOf(limits); prototype && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    for (const key of Object.getOwnPropertyNames(prototype)) keys.add(key);
  }
  for (const key of [...keys].sort()) {
    const value = (limits as unknown as Record<string, unknown>)[key];
    if (typeof value === 'number') record[key] = value;
  }
  return record;
}

/** Builds the report of an adapter and the device made from it. */
export function adapterReport(adapter: GPUAdapter | null, device: GPUDevice): WebGpuAdapterReport {
  const info = (adapter?.info ?? (device as { adapterInfo?: GPUAdapterInfo }).adapterInfo) as (GPUAdapterInfo & { isFallbackAdapter?: boolean }) | undefined;
  const vendor = info?.vendor ?? '';
  const architecture = info?.architecture ?? '';
  const deviceName = info?.device ?? '';
  const description = info?.description ?? '';
  const isFallbackAdapter = Boolean(info?.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean } | null)?.isFallbackAdapter ?? false);
  const adapterFeatures = [...(adapter?.features ?? device.features)].sort();
  const features = [...device.features].sort();
  return {
    vendor,
    architecture,
    deviceName,
    description,
    isFallbackAdapter,
    isSoftware: isFallbackAdapter || SOFTWARE_PATTERN.test(`${vendor} ${architecture} ${deviceName} ${description}`),
    features,
    adapterFeatures,
    shaderF16: device.features.has('shader-f16'),
    subgroups: adapterFeatures.includes('subgroups'),
    timestampQuery: adapterFeatures.includes('timestamp-query'),
    limits: limitsRecord(device.limits),
  };
}
