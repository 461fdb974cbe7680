import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildRunner } from '@mmpt/engine';
import type { DeviceChoice } from '@mmpt/engine';
import { plotCurves } from '../plot-curves';
import { loadConfig } from '../load-config';
import { createAllRegistries } from '../registries';

/** The options of `mmpt train`. */
export interface TrainOptions {
  workDir?: string;
  resume?: boolean | string;
  amp?: boolean;
  autoScaleLr?: boolean;
  cfgOptions?: string[];
  device?: DeviceChoice;
  seed?: number;
  threads?: number;
}

/**
 * `mmpt train CONFIG`: trains the config's model, validating at its intervals, with checkpoints,
 * logs and a PNG of the training curves in the work dir. Returns the final validation metrics.
 */
export async function train(configPath: string, options: TrainOptions = {}): Promise<Record<string, unknown>> {
  const registries = createAllRegistries();
  const { cfg, pluginModules } = await loadConfig(configPath, options.cfgOptions ?? [], registries);
  const runner = await buildRunner(cfg, {
    registries,
    ...(options.workDir ? { workDir: options.workDir } : {}),
    ...(options.resume !== undefined ? { resume: options.resume } : {}),
    amp: options.amp ?? false,
    autoScaleLr: options.autoScaleLr ?? false,
    ...(options.device ? { device: options.device } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    workerImports: pluginModules,
  });
  const started = Date.now();
  try {
    await runner.train();
    const seconds = (Date.now() - started) / 1000;
    const curves = join(runner.logDir, 'curves.png');
    // A run shorter than the logger's interval in iter-based training logs no scalars: then there is nothing to plot.
    const plotted = existsSync(runner.scalarsFile);
    if (plotted) await plotCurves(runner.scalarsFile, curves);
    const last = Object.fromEntries([...runner.messageHub.scalars].filter(([key]) => key.startsWith('val/')).map(([key, buffer]) => [key.slice(4), buffer.current()]));
    runner.log(`Training finished in ${seconds.toFixed(1)} s; ${plotted ? `curves: ${curves}` : 'no curves (nothing was logged)'}; log: ${runner.logger.file}`);
    return { ...last, seconds };
  } finally {
    await runner.dispose();
  }
}
