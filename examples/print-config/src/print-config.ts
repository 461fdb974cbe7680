import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Config } from '@mmpt/config';

/** What `print-config` was asked to do. */
export interface PrintConfigArguments {
  config: string;
  cfgOptions: string[];
  dump: string | undefined;
}

const USAGE = 'usage: print-config CONFIG [--cfg-options key=value ...] [--dump FILE]';

/** Reads the command line of `print-config`. */
export function parsePrintConfigArguments(argv: readonly string[]): PrintConfigArguments {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'cfg-options': { type: 'string', multiple: true },
      dump: { type: 'string' },
    },
  });
  // `--cfg-options a=1 b=2` takes several values, as MMPretrain's tools do.
  const [config, ...rest] = positionals;
  if (!config) throw new Error(USAGE);
  const overrides = values['cfg-options'] ?? [];
  const stray = rest.filter((item) => !item.includes('='));
  if (stray.length > 0) throw new Error(`Unexpected arguments ${stray.join(' ')}; ${USAGE}`);
  return { config, cfgOptions: [...overrides, ...rest], dump: values.dump };
}

/**
 * Loads a config with its bases and overrides and returns a report: the files it was composed
 * from, the overrides applied, and the merged config as TypeScript.
 */
export async function printConfig(args: PrintConfigArguments, cwd = process.cwd()): Promise<string> {
  const cfg = await Config.fromFile(args.config, { cfgOptions: args.cfgOptions });
  const lines = [`# ${relative(cwd, cfg.filename ?? args.config)}`, '# composed from:'];
  for (const file of cfg.files) lines.push(`#   ${relative(cwd, file)}`);
  if (args.cfgOptions.length > 0) lines.push(`# overrides: ${args.cfgOptions.join(' ')}`);
  lines.push(`# modules by type: ${collectTypes(cfg.toDict()).join(', ')}`);
  lines.push(cfg.prettyText);
  if (args.dump) {
    cfg.dump(args.dump);
    lines.push(`# written to ${relative(cwd, args.dump)}`);
  }
  return lines.join('\n');
}

/** The `type` names a config refers to, in order of first appearance. */
export function collectTypes(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) collectTypes(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'type' && typeof item === 'string' && !found.includes(item)) found.push(item);
      else collectTypes(item, found);
    }
  }
  return found;
}
