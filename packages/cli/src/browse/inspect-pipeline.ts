import type { BuildConfig, Registry } from '@mmpt/registry';
import type { Generator } from '@mmpt/tensor';
import type { Sample } from '@mmpt/transforms';

/** A transform of a pipeline with the name it is shown under. */
export interface NamedTransform {
  name: string;
  transform(results: Sample, generator: Generator): Sample | null | Promise<Sample | null>;
}

/** The image(s) a sample held at one point of its pipeline. */
export interface PipelineStage<T> {
  /** `'Original'` for the image a dataset holds in memory, else the transform that made it. */
  name: string;
  images: T[];
}

/** What running a pipeline step by step gave. */
export interface Inspection<T> {
  /** The sample's image after each transform that left one under `img` (MMPretrain's `InspectCompose`). */
  stages: Array<PipelineStage<T>>;
  /** The packed model input (`inputs`, after `PackInputs`), when the pipeline packs. */
  packed: T[] | undefined;
  /** The transform that dropped the sample (returned null), if one did. */
  droppedBy: string | undefined;
}

/**
 * Builds a pipeline's transforms one by one (configs through `registry`, built objects and
 * functions as they are), keeping their names for captions.
 */
export function namedTransforms(steps: readonly unknown[], registry: Registry): NamedTransform[] {
  return steps.map((step, index) => {
    if (typeof step === 'function') return { name: step.name || `step ${index}`, transform: step as NamedTransform['transform'] };
    if (step && typeof (step as { transform?: unknown }).transform === 'function') {
      const built = step as NamedTransform;
      return { name: built.constructor.name, transform: (results, generator) => built.transform(results, generator) };
    }
    const config = step as BuildConfig;
    const built = registry.build(config) as { transform: NamedTransform['transform'] };
    const type = config.type;
    const name = typeof type === 'string' ? type : (type as { name?: string } | undefined)?.name ?? built.constructor.name;
    return { name, transform: (results, generator) => built.transform(results, generator) };
  });
}

/**
 * Runs the transforms on one sample's information in order and takes a snapshot (`snapshot`,
 * which copies the pixels) of its image after each transform that leaves one, and of the packed
 * input at the end. An image the dataset holds in memory is the first stage, `'Original'`.
 */
export async function inspectPipeline<T>(
  info: Sample,
  transforms: readonly NamedTransform[],
  generator: Generator,
  snapshot: (value: unknown) => T[],
): Promise<Inspection<T>> {
  const stages: Array<PipelineStage<T>> = [];
  const record = (name: string, value: unknown) => {
    const images = snapshot(value);
    if (images.length > 0) stages.push({ name, images });
  };
  if (info.img !== undefined) record('Original', info.img);
  let results: Sample = info;
  for (const step of transforms) {
    const output = await step.transform(results, generator);
    if (output === null) return { stages, packed: undefined, droppedBy: step.name };
    results = output;
    if (results.img !== undefined) record(step.name, results.img);
  }
  const packed = results.inputs === undefined ? undefined : snapshot(results.inputs);
  return { stages, packed: packed && packed.length > 0 ? packed : undefined, droppedBy: undefined };
}
