// Trains LeNet-5 on a custom folder dataset with a config, evaluates the last checkpoint and
// classifies a few validation images, through the CLI's functions: the same as
//   mmpt train configs/lenet5_1xb32-10e_my-digits.ts
//   mmpt test configs/lenet5_1xb32-10e_my-digits.ts work_dirs/lenet5_1xb32-10e_my-digits/epoch_10.safetensors
//   mmpt infer configs/lenet5_1xb32-10e_my-digits.ts work_dirs/lenet5_1xb32-10e_my-digits/epoch_10.safetensors data/my_digits/val/seven
// run in this example's folder. Usage: main.ts [--device cpu|webgpu|auto] [--cfg-options k=v ...]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type TrainOptions, formatPredictions, infer, test, train } from '@mmpt/cli';
import { makeDigitDataset } from './make-dataset';

// (`pnpm start -- --device cpu` passes the `--` on: drop it.)
const { values, positionals } = parseArgs({ args: process.argv.slice(2).filter((arg) => arg !== '--'), allowPositionals: true, options: { device: { type: 'string', default: 'auto' }, 'cfg-options': { type: 'string', multiple: true } } });
// The config's data_root is relative to the working directory: this example's folder.
process.chdir(fileURLToPath(new URL('..', import.meta.url)));
const dataRoot = join('data', 'my_digits');
if (!existsSync(dataRoot)) console.log('Wrote', makeDigitDataset({ out: dataRoot }));
const config = join('configs', 'lenet5_1xb32-10e_my-digits.ts');
const workDir = join('work_dirs', 'lenet5_1xb32-10e_my-digits');
const device = values.device as NonNullable<TrainOptions['device']>;
// `--cfg-options a=1 b=2` takes several values, as MMPretrain's tools do.
const cfgOptions = [...(values['cfg-options'] ?? []), ...positionals];
console.log('Validation metrics:', await train(config, { device, workDir, cfgOptions }));
const checkpoint = readFileSync(join(workDir, 'last_checkpoint'), 'utf8').trim();
console.log('Test metrics:', await test(config, checkpoint, { device, workDir, cfgOptions }));
const predictions = await infer(config, checkpoint, join(dataRoot, 'val', 'seven'), { device, cfgOptions, topk: 2 });
console.log(formatPredictions(predictions.slice(0, 5)));
