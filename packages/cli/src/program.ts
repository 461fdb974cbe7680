import { Command, InvalidArgumentError, Option } from 'commander';
import { analyzeLogs } from './commands/analyze-logs';
import { listModels, resolveModel } from './commands/list-models';
import { printConfig } from './commands/print-config';
import { test } from './commands/test';
import { train } from './commands/train';

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError(`"${value}" is not an integer`);
  return parsed;
}

const deviceOption = () => new Option('--device <device>', 'where to run: cpu, webgpu, or auto (WebGPU only on a hardware adapter)').choices(['cpu', 'webgpu', 'auto']).default('auto');
const cfgOptionsOption = () => new Option('--cfg-options <pairs...>', 'override config values, e.g. model.backbone.depth=101 train_dataloader.batch_size=64');

/**
 * The `mmpt` command line. `print` receives what a command prints (stdout by default), so tests
 * can run commands in-process.
 */
export function createProgram(print: (text: string) => void = (text) => process.stdout.write(`${text}\n`)): Command {
  const program = new Command('mmpt')
    .description('mmpt: MMPretrain-style pretraining and image classification in TypeScript')
    .option('--verbose', 'show stack traces of errors')
    .showHelpAfterError();

  program
    .command('train')
    .description('train a model from a config')
    .argument('<config>', 'config file (.ts, .js or .json)')
    .option('--work-dir <dir>', 'where checkpoints and logs go (default: work_dirs/<config name>)')
    .option('--resume [checkpoint]', 'resume from a checkpoint, or from the last one in the work dir')
    .option('--amp', 'mixed precision (float16 compute where the backend has it)')
    .option('--auto-scale-lr', 'scale the learning rate by the batch size (auto_scale_lr)')
    .addOption(cfgOptionsOption())
    .addOption(deviceOption())
    .option('--seed <seed>', 'random seed (overrides randomness.seed)', integer)
    .option('--threads <n>', 'CPU threads for the heavy kernels', integer)
    .action(async (config: string, options: Record<string, unknown>) => {
      const result = await train(resolveModel(config), {
        ...(options.workDir ? { workDir: options.workDir as string } : {}),
        ...(options.resume !== undefined ? { resume: options.resume as boolean | string } : {}),
        amp: Boolean(options.amp),
        autoScaleLr: Boolean(options.autoScaleLr),
        cfgOptions: (options.cfgOptions as string[] | undefined) ?? [],
        device: options.device as 'cpu' | 'webgpu' | 'auto',
        ...(options.seed !== undefined ? { seed: options.seed as number } : {}),
        ...(options.threads !== undefined ? { threads: options.threads as number } : {}),
      });
      print(JSON.stringify(result));
    });

  program
    .command('test')
    .description('evaluate a checkpoint on the test data of a config')
    .argument('<config>', 'config file or model name')
    .argument('<checkpoint>', 'weights (.safetensors or .pth)')
    .option('--out <file>', 'write the metrics to a JSON file')
    .option('--work-dir <dir>', 'where the logs go')
    .addOption(cfgOptionsOption())
    .addOption(deviceOption())
    .action(async (config: string, checkpoint: string, options: Record<string, unknown>) => {
      const metrics = await test(resolveModel(config), checkpoint, {
        ...(options.out ? { out: options.out as string } : {}),
        ...(options.workDir ? { workDir: options.workDir as string } : {}),
        cfgOptions: (options.cfgOptions as string[] | undefined) ?? [],
        device: options.device as 'cpu' | 'webgpu' | 'auto',
      });
      print(JSON.stringify(metrics, null, 2));
    });

  program
    .command('print-config')
    .description('print a config with its bases merged and overrides applied')
    .argument('<config>', 'config file or model name')
    .addOption(cfgOptionsOption())
    .action(async (config: string, options: Record<string, unknown>) => {
      print(await printConfig(resolveModel(config), (options.cfgOptions as string[] | undefined) ?? []));
    });

  program
    .command('list-models')
    .description('list the model configs of the zoo')
    .argument('[pattern]', 'a name filter, with * wildcards')
    .option('--configs <dir>', 'the configs folder (default: the nearest configs/)')
    .action((pattern: string | undefined, options: Record<string, unknown>) => {
      print(listModels(pattern, options.configs as string | undefined).join('\n'));
    });

  program
    .command('analyze-logs')
    .description('plot logged scalars (a run\'s vis_data/scalars.json) to a PNG')
    .argument('<scalars>', 'the JSON-lines scalar log')
    .option('--keys <keys...>', 'the scalars to plot (default: losses, lr and metrics)')
    .option('--out <file>', 'the PNG to write', 'curves.png')
    .action(async (scalars: string, options: Record<string, unknown>) => {
      const result = await analyzeLogs(scalars, { keys: options.keys as string[] | undefined, out: options.out as string });
      print(`Plotted ${result.keys.join(', ')} to ${result.out}`);
    });

  return program;
}
