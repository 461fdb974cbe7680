import type { Config } from '@mmpt/config';
import { type Dataset, readClassNames } from '@mmpt/datasets';
import type { BuildConfig, Registries } from '@mmpt/registry';

/** The dataset config of a phase's data loader, unwrapped from dataset wrappers (`RepeatDataset`...). */
export function phaseDatasetConfig(cfg: Config, phase: 'train' | 'val' | 'test'): BuildConfig | undefined {
  let dataset = cfg.get<BuildConfig | undefined>(`${phase}_dataloader.dataset`, undefined);
  while (dataset && dataset.dataset && typeof dataset.dataset === 'object') dataset = dataset.dataset as BuildConfig;
  return dataset;
}

/**
 * The class names of the config's test dataset (else its validation dataset), for naming
 * predictions: the `classes` (or `metainfo.classes`) the config gives, else those of the dataset
 * class (CIFAR10, ImageNet...), else those the built dataset finds (a CustomDataset's sub-folder
 * names). `undefined` when none of these gives names (or the dataset cannot be built here).
 */
export function configClassNames(cfg: Config, registries: Registries): string[] | undefined {
  const dataset = phaseDatasetConfig(cfg, 'test') ?? phaseDatasetConfig(cfg, 'val');
  if (!dataset) return undefined;
  const metainfo = dataset.metainfo as { classes?: string[] | string } | null | undefined;
  try {
    const given = readClassNames((dataset.classes as string[] | string | undefined) ?? metainfo?.classes);
    if (given) return given;
  } catch {
    return undefined;
  }
  const type = dataset.type;
  const datasetClass = typeof type === 'string' && registries.datasets.has(type) ? registries.datasets.get(type) : typeof type === 'function' ? type : undefined;
  const defaults = (datasetClass as { defaultMetainfo?: { classes?: unknown } } | undefined)?.defaultMetainfo?.classes;
  if (Array.isArray(defaults) && defaults.length > 0) return defaults.map(String);
  try {
    return (registries.datasets.build({ ...dataset, pipeline: [] }) as Dataset).classes;
  } catch {
    return undefined;
  }
}
