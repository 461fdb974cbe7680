import type { Config } from '@mmpt/config';
import type { BuildConfig, Registries } from '@mmpt/registry';
import { Compose } from '@mmpt/transforms';
import { CliError } from '../cli-error';
import { phaseDatasetConfig } from './class-names';

/**
 * The steps that prepare one image file for the model: the pipeline of the config's test dataset
 * (else its validation dataset), with a `LoadImageFromFile` in front when the pipeline has none
 * (datasets such as CIFAR-10 hold their images in memory), as MMPretrain's inferencer does.
 */
export function inferencePipelineConfig(cfg: Config): BuildConfig[] {
  const dataset = phaseDatasetConfig(cfg, 'test') ?? phaseDatasetConfig(cfg, 'val');
  const pipeline = dataset?.pipeline as BuildConfig[] | undefined;
  if (!Array.isArray(pipeline) || pipeline.length === 0) {
    throw new CliError(`${cfg.filename ?? 'The config'} has no test_dataloader.dataset.pipeline (nor a val one) to prepare images with`);
  }
  const loads = pipeline.some((step) => step?.type === 'LoadImageFromFile');
  return loads ? [...pipeline] : [{ type: 'LoadImageFromFile' }, ...pipeline];
}

/** The inference pipeline built with the registries (plugins' transforms included). */
export function buildInferencePipeline(cfg: Config, registries: Registries): Compose {
  return new Compose({ transforms: inferencePipelineConfig(cfg), registry: registries.transforms });
}
