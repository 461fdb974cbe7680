// Trains the plugin's config on the MNIST digits through the CLI's `train` function, then tests the
// last checkpoint: the same as `mmpt train examples/custom-plugin/configs/digitnet_1xb64-3e_mnist.ts`
// from the repository root. Usage: main.ts [--device cpu|webgpu|auto] [--cfg-options k=v ...]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type TrainOptions, test, train } from '@mmpt/cli';
import { prepareMnist } from '@mmpt/datasets';

// (`pnpm start -- --device cpu` passes the `--` on: drop it.)
const { values, positionals } = parseArgs({ args: process.argv.slice(2).filter((arg) => arg !== '--'), allowPositionals: true, options: { device: { type: 'string', default: 'auto' }, 'cfg-options': { type: 'string', multiple: true } } });
// The config's data_root (data/mnist) is relative to the repository root, as in MMPretrain.
process.chdir(fileURLToPath(new URL('../../../', import.meta.url)));
prepareMnist({ out: join('data', 'mnist') });
const config = join('examples', 'custom-plugin', 'configs', 'digitnet_1xb64-3e_mnist.ts');
const workDir = join('work_dirs', 'digitnet_1xb64-3e_mnist');
const device = values.device as NonNullable<TrainOptions['device']>;
// `--cfg-options a=1 b=2` takes several values, as MMPretrain's tools do.
const cfgOptions = [...(values['cfg-options'] ?? []), ...positionals];
console.log(await train(config, { device, workDir, cfgOptions }));
// The runner writes the path of its last checkpoint to <work_dir>/last_checkpoint.
const checkpoint = readFileSync(join(workDir, 'last_checkpoint'), 'utf8').trim();
console.log(await test(config, checkpoint, { device, workDir, cfgOptions }));
