import { type CpuBackend, createCpuBackend, memory, noGrad, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../checkpoint/load-checkpoint';
import type { ImageClassifier } from '../classifiers/image-classifier';
import { buildModel, parityCases, parityInputs, parityPath, relativeError } from '../test-support/fixtures';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

// Random-weight checkpoints and logits written by scripts/generate-parity-fixtures.py (PyTorch 1.13,
// eval mode). Each case loads strictly, so the state-dict names and shapes are MMPretrain's.
describe('logits parity with PyTorch', () => {
  for (const entry of parityCases()) {
    it(`${entry.name}${entry.half ? ' (float16 checkpoint)' : ''}`, () => {
      const model = buildModel<ImageClassifier>(entry.config).eval();
      const report = loadCheckpoint(model, parityPath(`${entry.name}.pth`), { strict: true });
      expect(report.loadedKeys).toHaveLength(model.stateDict().size);
      const before = memory().tensors;
      for (const { input, logits } of parityInputs(entry.name)) {
        const error = tidy(() => noGrad(() => relativeError(model.forward(input), logits)));
        expect(error, `${entry.name} input [${input.shape.join(', ')}]`).toBeLessThan(1e-4);
        input.dispose();
        logits.dispose();
      }
      expect(memory().tensors).toBe(before);
      model.dispose();
    });
  }
});
