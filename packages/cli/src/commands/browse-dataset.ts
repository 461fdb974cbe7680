import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Config } from '@mmpt/config';
import { type Dataset, sampleSeed } from '@mmpt/datasets';
import type { BuildConfig } from '@mmpt/registry';
import { Generator, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import type { Image, Sample } from '@mmpt/transforms';
import { CliError } from '../cli-error';
import { type DisplayChannelOrder, displayImages, rescaleImage } from '../browse/display-image';
import { type Inspection, inspectPipeline, namedTransforms } from '../browse/inspect-pipeline';
import { type Panel, renderPanels } from '../browse/panel-grid';
import { phaseDatasetConfig } from '../infer/class-names';
import { loadConfig } from '../load-config';
import { createAllRegistries } from '../registries';

/** What `browse-dataset` draws: MMPretrain's `--mode`. */
export type BrowseMode = 'original' | 'transformed' | 'concat' | 'pipeline';

/** The modes of {@link browseDataset}. */
export const BROWSE_MODES: readonly BrowseMode[] = ['original', 'transformed', 'concat', 'pipeline'];

/** The options of `mmpt browse-dataset`, with MMPretrain's meanings. */
export interface BrowseDatasetOptions {
  /** Where the PNG files go; `work_dirs/browse_dataset/<config name>` by default. */
  outputDir?: string;
  /** The data loader to browse; `'train'` by default. */
  phase?: 'train' | 'val' | 'test';
  /** How many samples, from the first; all by default. */
  showNumber?: number;
  /**
   * MMPretrain's seconds between two shown images. Accepted (and checked) for compatibility:
   * mmpt writes files and opens no window, so it has no effect.
   */
  showInterval?: number;
  /** `'transformed'` by default. */
  mode?: BrowseMode;
  /** Scale every drawn image by this factor (10 for CIFAR's 32x32 images); 1 by default. */
  rescaleFactor?: number;
  /** How the three channels of the images are read; `'BGR'` (MMPretrain's loading order) by default. */
  channelOrder?: DisplayChannelOrder;
  cfgOptions?: string[];
  /** Where notes go (a dropped sample); nowhere by default. */
  log?: (line: string) => void;
}

/** What {@link browseDataset} wrote. */
export interface BrowseDatasetResult {
  outputDir: string;
  files: string[];
}

/**
 * `mmpt browse-dataset CONFIG`: runs the pipeline of a phase's dataset on its first samples and
 * writes one PNG per sample (`<index>_<file name>.png`) with the sample's label as a title: the
 * image as loaded (`original`), as the model gets it (`transformed`), both side by side
 * (`concat`), or after every transform side by side, each captioned (`pipeline`).
 */
export async function browseDataset(configPath: string, options: BrowseDatasetOptions = {}): Promise<BrowseDatasetResult> {
  const phase = checkChoice(options.phase ?? 'train', ['train', 'val', 'test'] as const, '--phase');
  const mode = checkChoice(options.mode ?? 'transformed', BROWSE_MODES, '--mode');
  const channelOrder = checkChoice(options.channelOrder ?? 'BGR', ['BGR', 'RGB'] as const, '--channel-order');
  const rescaleFactor = options.rescaleFactor ?? 1;
  if (!(rescaleFactor > 0) || !Number.isFinite(rescaleFactor)) throw new CliError(`--rescale-factor must be a positive number, got ${rescaleFactor}`);
  if (options.showNumber !== undefined && (!Number.isInteger(options.showNumber) || options.showNumber < 1)) {
    throw new CliError(`--show-number must be a positive integer, got ${options.showNumber}`);
  }
  if (options.showInterval !== undefined && !(options.showInterval >= 0)) throw new CliError(`--show-interval must be a non-negative number of seconds, got ${options.showInterval}`);
  const log = options.log ?? (() => undefined);
  const registries = createAllRegistries();
  const { cfg } = await loadConfig(configPath, options.cfgOptions ?? [], registries);
  const datasetConfig = browsedDatasetConfig(cfg, phase);
  const outputDir = resolve(options.outputDir ?? join('work_dirs', 'browse_dataset', basename(configPath, extname(configPath))));
  // Transforms that make tensors (torchvision's ToTensor) need a backend.
  const backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
  try {
    const dataset = registries.datasets.build({ ...datasetConfig, pipeline: [] }) as Dataset;
    const transforms = namedTransforms((datasetConfig.pipeline as unknown[] | undefined) ?? [], registries.transforms);
    const seed = cfg.get<number | null>('randomness.seed', null) ?? 0;
    const count = Math.min(options.showNumber ?? dataset.length, dataset.length);
    const snapshot = (value: unknown) => displayImages(value, channelOrder).map((image) => rescaleImage(image, rescaleFactor));
    mkdirSync(outputDir, { recursive: true });
    const files: string[] = [];
    for (let index = 0; index < count; index++) {
      const info = dataset.getDataInfo(index) as Sample;
      const inspection = await inspectPipeline(info, transforms, new Generator(sampleSeed(seed, 0, index)), snapshot);
      if (inspection.droppedBy) {
        log(`Sample ${index}: dropped by ${inspection.droppedBy}; nothing to draw`);
        continue;
      }
      const panels = choosePanels(inspection, mode);
      if (panels.length === 0) {
        log(`Sample ${index}: the pipeline left no image to draw`);
        continue;
      }
      const path = typeof info.img_path === 'string' ? info.img_path : undefined;
      const title = [`#${index}`, path ? basename(path) : '', labelText(info.gt_label, dataset.classes)].filter(Boolean).join('  ');
      const file = join(outputDir, `${index}${path ? `_${basename(path, extname(path))}` : ''}.png`);
      writeFileSync(file, await renderPanels(panels, title));
      files.push(file);
    }
    return { outputDir, files };
  } finally {
    backend.dispose();
  }
}

/** The dataset config of a phase, with a clear error when the config has none to browse. */
function browsedDatasetConfig(cfg: Config, phase: 'train' | 'val' | 'test'): BuildConfig {
  const name = cfg.filename ?? 'The config';
  const dataset = phaseDatasetConfig(cfg, phase);
  if (!dataset) throw new CliError(`${name} has no ${phase}_dataloader.dataset to browse`);
  if (Array.isArray(dataset.datasets)) throw new CliError(`${name}: the ${phase} dataset is a ${String(dataset.type)} of several datasets; browse a config of one of them`);
  return dataset;
}

/** The images drawn for one sample in a mode, with captions where several are drawn. */
function choosePanels(inspection: Inspection<Image>, mode: BrowseMode): Panel[] {
  const original = inspection.stages[0]?.images ?? inspection.packed ?? [];
  const transformed = inspection.packed ?? inspection.stages.at(-1)?.images ?? [];
  const plain = (images: Image[]) => images.map((image) => ({ image }));
  const captioned = (images: Image[], caption: string) => images.map((image, view) => ({ image, caption: images.length > 1 ? `${caption}[${view}]` : caption }));
  switch (mode) {
    case 'original':
      return plain(original);
    case 'transformed':
      return plain(transformed);
    case 'concat':
      return [...captioned(original, 'original'), ...captioned(transformed, 'transformed')];
    case 'pipeline':
      return inspection.stages.length > 0 ? inspection.stages.flatMap((stage) => captioned(stage.images, stage.name)) : captioned(transformed, 'transformed');
  }
}

/** `label: 3 (three)`, `labels: 1 (cat), 4 (dog)`, or nothing for an unlabelled sample. */
export function labelText(label: unknown, classes: readonly string[] | undefined): string {
  const labels = typeof label === 'number' ? [label] : Array.isArray(label) ? (label as number[]) : ArrayBuffer.isView(label) ? Array.from(label as Int32Array) : [];
  if (labels.length === 0) return '';
  const named = labels.map((value) => (classes?.[value] === undefined ? `${value}` : `${value} (${classes[value]})`));
  return `${labels.length > 1 ? 'labels' : 'label'}: ${named.join(', ')}`;
}

function checkChoice<T extends string>(value: string, choices: readonly T[], option: string): T {
  if (!(choices as readonly string[]).includes(value)) throw new CliError(`${option} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}
