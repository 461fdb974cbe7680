import { Config } from '@mmpt/config';
import { existsSync } from 'node:fs';
import { CliError } from '../cli-error';

/** `mmpt print-config CONFIG`: the config with its bases merged and overrides applied, as TypeScript. */
export async function printConfig(path: string, cfgOptions: readonly string[] = []): Promise<string> {
  if (!existsSync(path)) throw new CliError(`Config file not found: ${path}`);
  const cfg = await Config.fromFile(path, { cfgOptions });
  return cfg.prettyText;
}
