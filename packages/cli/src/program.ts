import { Command, InvalidArgumentError, Option } from 'commander';
import { analyzeLogs } from './commands/analyze-logs';
import { BROWSE_MODES, browseDataset } from './commands/browse-dataset';
import { infer } from './commands/infer';
import { listModels, resolveModel } from './commands/list-models';
import { printConfig } from './commands/print-config';
import { test } from './commands/test';
import { train } from './commands/train';
import { formatPredictions } from './infer/format-predictions';
import { ImageInferenceError } from './infer/image-failure';
import { DEFAULT_INFER_BATCH_SIZE } from './infer/infer-images';
import type { ImagePrediction } from './infer/image-prediction';

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError(`"${value}" is not an integer`);
  return parsed;
}

function number(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new InvalidArgumentError(`"${value}" is not a number`);
  return parsed;
}

/** Where commander writes its help and usage errors when the program runs in-process. */
export interface ProgramOutput {
  writeOut: (text: string) => void;
  writeErr: (text: string) => void;
}

const deviceOption = () => new Option('--device <device>', 'where to run: cpu, webgpu, or auto (WebGPU only on a hardware adapter)').choices(['cpu', 'webgpu', 'auto']).default('auto');
const cfgOptionsOption = () => new Option('--cfg-options <pairs...>', 'override config values, e.g. model.backbone.depth=101 train_dataloader.batch_size=64');

/**
 * The `mmpt` command line: the one place where its commands are declared. `print` receives what a
 * command prints (stdout by default). With `output`, commander writes there and throws a
 * `CommanderError` instead of exiting, so that `runCli` (and tests) can run commands in-process;
 * notes of `infer` and `browse-dataset` go to `output.writeErr` (stderr by default).
 */
export function createProgram(print: (text: string) => void = (text) => process.stdout.write(`${text}\n`), output?: ProgramOutput): Command {
  const note = (line: string) => (output ? output.writeErr(`${line}\n`) : process.stderr.write(`${line}\n`));
  const program = new Command('mmpt')
    .description('mmpt: MMPretrain-style pretraining and image classification in TypeScript')
    .option('--verbose', 'show stack traces of errors')
    .showHelpAfterError();
  if (output) program.configureOutput({ writeOut: output.writeOut, writeErr: output.writeErr }).exitOverride();

  program
    .command('train')
    .description('train a model from a config')
    .argument('<config>', 'config file (.ts, .js or .json) or model name')
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
    .command('infer')
    .description('classify images with a checkpoint: the top-k classes and scores of each image')
    .argument('<config>', 'config file or model name')
    .argument('<checkpoint>', 'weights (.safetensors or .pth)')
    .argument('<image>', 'an image file, or a folder: every image file in it, sorted by name')
    .option('--topk <k>', 'how many of the best classes to show', integer, 5)
    .option('--batch-size <n>', 'how many images go through the model in one forward pass', integer, DEFAULT_INFER_BATCH_SIZE)
    .option('--out <file>', 'write the predictions to a JSON file')
    .option('--no-strict', 'load a checkpoint whose keys do not all match the model (they are reported)')
    .addOption(cfgOptionsOption())
    .addOption(deviceOption())
    .option('--threads <n>', 'CPU threads for the heavy kernels', integer)
    .action(async (config: string, checkpoint: string, image: string, options: Record<string, unknown>) => {
      let predictions: readonly ImagePrediction[];
      try {
        predictions = await infer(resolveModel(config), checkpoint, image, {
          topk: options.topk as number,
          batchSize: options.batchSize as number,
          ...(options.out ? { out: options.out as string } : {}),
          strict: options.strict !== false,
          cfgOptions: (options.cfgOptions as string[] | undefined) ?? [],
          device: options.device as 'cpu' | 'webgpu' | 'auto',
          ...(options.threads !== undefined ? { threads: options.threads as number } : {}),
          log: note,
        });
      } catch (error) {
        // The images that could be read were classified: show them before the error line.
        if (error instanceof ImageInferenceError && error.predictions.length > 0) print(formatPredictions(error.predictions));
        throw error;
      }
      print(formatPredictions(predictions));
      if (options.out) print(`Predictions written to ${options.out as string}`);
    });

  program
    .command('browse-dataset')
    .description('draw the samples of a dataset as the pipeline prepares them, to PNG files')
    .argument('<config>', 'config file or model name')
    .option('-o, --output-dir <dir>', 'where the PNG files go (default: work_dirs/browse_dataset/<config name>)')
    .addOption(new Option('-p, --phase <phase>', 'the data loader to browse').choices(['train', 'val', 'test']).default('train'))
    .option('-n, --show-number <n>', 'how many samples, from the first (default: all)', integer)
    .option('-i, --show-interval <seconds>', 'accepted for compatibility: mmpt writes files and shows no window, so it has no effect', number)
    .addOption(
      new Option('-m, --mode <mode>', 'original: as loaded; transformed: as the model gets it; concat: both side by side; pipeline: after every transform')
        .choices([...BROWSE_MODES])
        .default('transformed'),
    )
    .option('-r, --rescale-factor <factor>', 'scale the drawn images (10 for CIFAR\'s 32x32 images)', number)
    .addOption(new Option('-c, --channel-order <order>', 'how the channels of the images are read').choices(['BGR', 'RGB']).default('BGR'))
    .addOption(cfgOptionsOption())
    .action(async (config: string, options: Record<string, unknown>) => {
      const result = await browseDataset(resolveModel(config), {
        ...(options.outputDir ? { outputDir: options.outputDir as string } : {}),
        phase: options.phase as 'train' | 'val' | 'test',
        ...(options.showNumber !== undefined ? { showNumber: options.showNumber as number } : {}),
        ...(options.showInterval !== undefined ? { showInterval: options.showInterval as number } : {}),
        mode: options.mode as 'original' | 'transformed' | 'concat' | 'pipeline',
        ...(options.rescaleFactor !== undefined ? { rescaleFactor: options.rescaleFactor as number } : {}),
        channelOrder: options.channelOrder as 'BGR' | 'RGB',
        cfgOptions: (options.cfgOptions as string[] | undefined) ?? [],
        log: note,
      });
      print(`Wrote ${result.files.length} images to ${result.outputDir}`);
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
