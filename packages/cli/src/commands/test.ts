import { writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { buildRunner } from '@mmpt/engine';
import type { DeviceChoice } from '@mmpt/engine';
import { CliError } from '../cli-error';
import { loadConfig } from '../load-config';
import { createAllRegistries } from '../registries';

/** The options of `mmpt test`. */
export interface TestOptions {
  out?: string;
  cfgOptions?: string[];
  device?: DeviceChoice;
  workDir?: string;
}

/** `mmpt test CONFIG CHECKPOINT`: evaluates a checkpoint on the config's test data. */
export async function test(configPath: string, checkpoint: string, options: TestOptions = {}): Promise<Record<string, unknown>> {
  if (!existsSync(checkpoint)) throw new CliError(`Checkpoint not found: ${checkpoint}`);
  const registries = createAllRegistries();
  const { cfg, pluginModules } = await loadConfig(configPath, options.cfgOptions ?? [], registries);
  const runner = await buildRunner(cfg, {
    registries,
    phase: 'test',
    loadFrom: checkpoint,
    resume: false,
    ...(options.device ? { device: options.device } : {}),
    ...(options.workDir ? { workDir: options.workDir } : {}),
    workerImports: pluginModules,
  });
  try {
    const metrics = await runner.test();
    if (options.out) writeFileSync(options.out, `${JSON.stringify(metrics, null, 2)}\n`);
    return metrics;
  } finally {
    await runner.dispose();
  }
}
