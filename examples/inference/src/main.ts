// Classifies images with a trained checkpoint, in code (see classifier.ts).
// Usage: main.ts [CONFIG CHECKPOINT IMAGE...] [--device cpu|webgpu|auto]
// Without arguments: the shipped LeNet-5 MNIST config, the last checkpoint of its training run
// (or of the programmatic-training example, which builds the same model), and the first test
// image of each digit.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DeviceChoice } from '@mmpt/engine';
import { loadClassifier } from './classifier';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  allowPositionals: true,
  options: { device: { type: 'string', default: 'auto' } },
});
// Relative paths (the config's data_root) are read from the repository root, as MMPretrain's tools do.
process.chdir(fileURLToPath(new URL('../../../', import.meta.url)));
const [config = join('configs', 'lenet', 'lenet5_1xb128-coslr-15e_mnist.ts'), checkpoint = defaultCheckpoint(), ...images] = positionals;
if (!checkpoint) {
  console.error('No checkpoint given and none found: train first (see examples/inference/README.md), or pass CONFIG CHECKPOINT IMAGE...');
  process.exit(1);
}
const targets = images.length > 0 ? images : firstTestImages(join('data', 'mnist', 'test'));
const classifier = await loadClassifier(config, checkpoint, { device: values.device as DeviceChoice });
console.log(`Device: ${classifier.device}; classes: ${classifier.classes?.join(' ') ?? 'unnamed'}`);
for (const prediction of await classifier.classify(targets)) {
  console.log(`${prediction.image}: ${prediction.className ?? prediction.label} (${(100 * prediction.score).toFixed(2)}%)`);
}
classifier.dispose();

function defaultCheckpoint(): string | undefined {
  const last = join('work_dirs', 'lenet5_1xb128-coslr-15e_mnist', 'last_checkpoint');
  if (existsSync(last)) return readFileSync(last, 'utf8').trim();
  const programmatic = join('work_dirs', 'programmatic-training', 'last_checkpoint');
  return existsSync(programmatic) ? readFileSync(programmatic, 'utf8').trim() : undefined;
}

function firstTestImages(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .sort()
    .map((label) => join(folder, label, readdirSync(join(folder, label)).sort()[0] as string));
}
