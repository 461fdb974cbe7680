import { existsSync } from 'node:fs';
import { CliError } from '../cli-error';
import { plotCurves } from '../plot-curves';

/** `mmpt analyze-logs SCALARS_JSON --keys ... --out curves.png`: plots logged scalars to a PNG. */
export async function analyzeLogs(scalarsFile: string, options: { keys?: string[]; out?: string } = {}): Promise<{ out: string; keys: string[] }> {
  if (!existsSync(scalarsFile)) throw new CliError(`Log not found: ${scalarsFile} (pass the vis_data/scalars.json of a run)`);
  const out = options.out ?? 'curves.png';
  const keys = await plotCurves(scalarsFile, out, options.keys && options.keys.length > 0 ? options.keys : undefined);
  return { out, keys };
}
