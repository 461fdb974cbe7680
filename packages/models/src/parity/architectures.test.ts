import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type CpuBackend, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, buildModel } from '../test-support/fixtures';

interface ArchitectureEntry {
  name: string;
  config: Record<string, unknown>;
  parameters: number;
  layout: string[];
}

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const entries = JSON.parse(gunzipSync(readFileSync(join(FIXTURES, 'architectures.json.gz'))).toString('utf8')) as ArchitectureEntry[];
// Building a network allocates and initialises all its weights (about a second per 80M on the
// CPU): by default the archs up to 30M parameters and ViT-B/16 run; MMPT_FULL_ARCHITECTURES=1 runs
// all of them (ResNet-101/152, ResNeXt-101/152, ViT-L, Swin-S/B, ConvNeXt-S/B, VGG, ...).
const DEFAULT_LIMIT = 30e6;
const ALWAYS = new Set(['vit-base-p16_64xb64_in1k']);
const runAll = process.env.MMPT_FULL_ARCHITECTURES === '1';

// Parameter counts and state-dict layouts (name:shape, in order) of the full-width classifiers,
// counted on the reference implementations of scripts/generate-parity-fixtures.py. They equal the
// figures of MMPretrain's model zoo (ResNet-50 25.56M, ViT-B/16 86.57M, DeiT-S 22.05M, ...).
describe('full-width architectures', () => {
  for (const entry of entries) {
    const run = entry.parameters <= DEFAULT_LIMIT || ALWAYS.has(entry.name) || runAll ? it : it.skip;
    run(`${entry.name}: ${(entry.parameters / 1e6).toFixed(2)}M parameters and MMPretrain's state-dict names`, { timeout: 60_000 }, () => {
      const model = buildModel(entry.config);
      const layout = [...model.stateDict()].map(([name, tensor]) => `${name}:${tensor.shape.join('x')}`);
      const count = model.numParameters();
      model.dispose();
      expect(layout).toEqual(entry.layout);
      expect(count).toBe(entry.parameters);
    });
  }
});
