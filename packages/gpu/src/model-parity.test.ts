// The logits-parity cases of @mmpt/models (narrow ResNets, MobileNetV2, EfficientNet, RegNet,
// ConvNeXt, Swin, ViT, DeiT with PyTorch's weights and logits, written by
// packages/models/scripts/generate-parity-fixtures.py) on this backend. @mmpt/models never imports
// @mmpt/gpu, so the check lives here and reads the models package's test fixtures.
import { createCpuBackend, noGrad, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../models/src/checkpoint/load-checkpoint';
import type { ImageClassifier } from '../../models/src/classifiers/image-classifier';
import { buildModel, parityCases, parityInputs, parityPath, relativeError } from '../../models/src/test-support/fixtures';
import { gpuSuiteTitle, gpuTestBackend } from './test-support/gpu-test-backend';

const gpu = await gpuTestBackend();

describe.skipIf(!gpu)(gpuSuiteTitle('model logits on WebGPU against PyTorch', gpu), () => {
  const cpu = createCpuBackend({ threads: 1 });
  afterAll(() => {
    setDefaultBackend(undefined);
    gpu?.dispose();
    cpu.dispose();
  });

  for (const entry of parityCases()) {
    it(`${entry.name}: logits within 1e-4 of PyTorch's`, async () => {
      setDefaultBackend(cpu);
      const model = buildModel<ImageClassifier>(entry.config).eval();
      loadCheckpoint(model, parityPath(`${entry.name}.pth`), { strict: true });
      await model.to(gpu!);
      for (const { input, logits } of parityInputs(entry.name)) {
        const onGpu = await input.to(gpu!);
        setDefaultBackend(gpu);
        const output = tidy(() => noGrad(() => model.forward(onGpu)));
        const values = await output.to(cpu);
        setDefaultBackend(cpu);
        expect(relativeError(values, logits), `${entry.name} [${input.shape.join(', ')}]`).toBeLessThan(1e-4);
        for (const tensor of [input, logits, onGpu, output, values]) tensor.dispose();
      }
      model.dispose();
    }, 60_000);
  }
});
