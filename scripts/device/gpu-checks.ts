/**
 * The checks to run on a machine with a real GPU, as one bundled script (see README.md here):
 * 1. the WebGPU test files of @mmpt/gpu, the backend conformance suite and the models' logits
 *    parity among them (run-gpu-checks.sh points MMPT_MODELS_FIXTURES at the checkout), through the
 *    small vitest stand-in of vitest-shim.ts (the kernels take their "gpu" style on hardware,
 *    which lavapipe CI covers only through dedicated tests);
 * 2. the WebGPU benchmarks of `pnpm bench` (matmul, conv, training of LeNet-5, ResNet-18 CIFAR,
 *    ResNet-50 and ViT-S/16), as JSON lines and a table.
 *
 * Usage: `node gpu-checks.mjs [--tests-only | --bench-only] [bench filter...]`
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import '../../packages/gpu/src/webgpu-backend.conformance.test.ts';
import '../../packages/gpu/src/lenet-training.test.ts';
import '../../packages/gpu/src/model-parity.test.ts';
import '../../packages/gpu/src/kernels/batch-norm.test.ts';
import '../../packages/gpu/src/kernels/conv2d.test.ts';
import '../../packages/gpu/src/kernels/elementwise.test.ts';
import '../../packages/gpu/src/kernels/float16.test.ts';
import '../../packages/gpu/src/kernels/gather.test.ts';
import '../../packages/gpu/src/kernels/interpolate.test.ts';
import '../../packages/gpu/src/kernels/matmul.test.ts';
import '../../packages/gpu/src/kernels/optimizer-update.test.ts';
import '../../packages/gpu/src/kernels/pool2d.test.ts';
import '../../packages/gpu/src/kernels/reduce.test.ts';
import '../../packages/gpu/src/kernels/strided.test.ts';
import '../../packages/gpu/src/runtime/buffer-pool.test.ts';
import '../../packages/gpu/src/runtime/error-tracker.test.ts';
import '../../packages/gpu/src/runtime/half-float.test.ts';
import { webgpuBenchmarks } from '../../packages/gpu/bench/benchmarks.ts';
import { runBenchmarks } from '../bench/harness.ts';
import { runRegistered } from './vitest-shim.ts';

const argv = process.argv.slice(2);
const out = process.env.OUT ?? '.';
const started = Date.now();

if (!argv.includes('--bench-only')) {
  const summary = await runRegistered();
  const line = `webgpu tests: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  console.log(line);
  writeFileSync(join(out, 'tests.json'), `${JSON.stringify({ ...summary, line }, null, 2)}\n`);
}

if (!argv.includes('--tests-only')) {
  const filters = argv.filter((argument) => !argument.startsWith('--'));
  const results = await runBenchmarks(webgpuBenchmarks, filters);
  writeFileSync(join(out, 'bench.jsonl'), results.map((result) => JSON.stringify(result)).join('\n') + '\n');
}
process.exit(0);
