/**
 * Runs the logits-parity cases of src/__fixtures__/parity on the WebGPU backend (Dawn; on a machine
 * without a GPU, Mesa's lavapipe) and prints the relative error of each against PyTorch's logits.
 * @mmpt/models never imports @mmpt/gpu, so this is a script, not a test:
 *
 *   npx tsx --conditions=@mmpt/source packages/models/scripts/webgpu-parity.ts [case-name-filter]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCpuBackend, noGrad, setDefaultBackend, tidy } from '@mmpt/tensor';
import { createWebGpuBackend } from '../../gpu/src/index.ts';
import { loadCheckpoint } from '../src/checkpoint/load-checkpoint.ts';
import type { ImageClassifier } from '../src/classifiers/image-classifier.ts';
import { buildModel, parityCases, parityInputs, parityPath, relativeError } from '../src/test-support/fixtures.ts';

if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), 'mmpt-webgpu-'));
const filter = process.argv[2] ?? '';
const cpu = createCpuBackend();
setDefaultBackend(cpu);
const gpu = await createWebGpuBackend();
let failures = 0;
for (const entry of parityCases().filter((item) => item.name.includes(filter))) {
  const model = buildModel<ImageClassifier>(entry.config).eval();
  loadCheckpoint(model, parityPath(`${entry.name}.pth`), { strict: true });
  await model.to(gpu);
  for (const { input, logits } of parityInputs(entry.name)) {
    const onGpu = await input.to(gpu);
    setDefaultBackend(gpu);
    const output = tidy(() => noGrad(() => model.forward(onGpu)));
    const values = await output.to(cpu);
    setDefaultBackend(cpu);
    const error = relativeError(values, logits);
    const ok = error < 1e-4;
    if (!ok) failures++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${entry.name} [${input.shape.join(', ')}]: relative error ${error.toExponential(2)}`);
    for (const tensor of [input, logits, onGpu, output, values]) tensor.dispose();
  }
  model.dispose();
}
gpu.dispose();
cpu.dispose();
process.exitCode = failures > 0 ? 1 : 0;
