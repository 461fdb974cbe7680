import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CpuBackend, Module, type Tensor, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../checkpoint/load-checkpoint';
import { serializeWeights } from '../../checkpoint/save-weights';
import { notAKnotSplineWeights } from './not-a-knot-spline';
import { resizeRelativePositionBiasTable } from './resize-relative-position-bias-table';
import { SwinTransformer } from './swin-transformer';

interface Encoded {
  shape: number[];
  data: number[];
}

interface ResizeCase {
  sourceWindow: number;
  targetWindow: number;
  heads: number;
  table: Encoded;
  resized: Encoded;
  bicubic: Encoded;
}

// Written by __fixtures__/generate-relative-position-bias-table-fixtures.py (MMPretrain's
// algorithm with SciPy's interp2d, and torch's bicubic interpolate for comparison).
const { cases } = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'relative-position-bias-table.json'), 'utf8')) as { cases: ResizeCase[] };

/** The largest absolute difference over the largest absolute reference value. */
function relativeError(actual: ArrayLike<number>, expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  let difference = 0;
  expected.forEach((value, index) => {
    difference = Math.max(difference, Math.abs((actual[index] as number) - value));
  });
  return difference / Math.max(...expected.map(Math.abs));
}

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('resizeRelativePositionBiasTable', () => {
  it("matches MMPretrain's SciPy interp2d resize (larger, smaller and equal windows)", () => {
    expect(cases.map((entry) => `${entry.sourceWindow}->${entry.targetWindow}`)).toEqual(['7->12', '12->7', '3->7', '7->8', '4->4']);
    for (const entry of cases) {
      const [sourceSize, targetSize] = [2 * entry.sourceWindow - 1, 2 * entry.targetWindow - 1];
      const resized = resizeRelativePositionBiasTable(sourceSize, targetSize, entry.table.data, entry.heads);
      expect(entry.resized.shape).toEqual([targetSize * targetSize, entry.heads]);
      expect(relativeError(resized, entry.resized.data), `${entry.sourceWindow}->${entry.targetWindow}`).toBeLessThan(1e-6);
    }
  });

  it("differs from torch's bicubic interpolate, which MMPretrain does not use for the tables", () => {
    const [entry] = cases as [ResizeCase];
    expect(relativeError(entry.resized.data, entry.bicubic.data)).toBeGreaterThan(0.05);
  });

  it('reproduces the nodes and refuses tables it cannot interpolate', () => {
    const weights = notAKnotSplineWeights([-3, -1.5, 0, 1, 2.5], [-3, -1.5, 0, 1, 2.5, 9]);
    const values = [0.3, -1, 2, 0.5, 4];
    const interpolated = weights.map((row) => row.reduce((total, weight, index) => total + weight * (values[index] as number), 0));
    interpolated.slice(0, 5).forEach((value, index) => expect(value).toBeCloseTo(values[index] as number, 12));
    expect(interpolated[5]).toBeCloseTo(4, 12);
    expect(() => resizeRelativePositionBiasTable(3, 13, new Float32Array(9), 1)).toThrow(/a 3x3 table cannot be interpolated/);
    expect(() => resizeRelativePositionBiasTable(13, 12, new Float32Array(169), 1)).toThrow(/the target size must be odd \(2 \* window - 1\), got 12/);
    expect(() => resizeRelativePositionBiasTable(13, 13, new Float32Array(10), 1)).toThrow(/10 values do not make a \[169, 1\] table/);
  });
});

describe('SwinTransformer checkpoint of another window size', () => {
  const narrow = { embed_dims: 8, depths: [2, 2], num_heads: [1, 2] };

  it('resizes every relative_position_bias_table and drops the index buffers, as MMPretrain', () => {
    const small = new SwinTransformer({ arch: narrow, img_size: 48, window_size: 3, out_indices: [1] });
    small.initWeights();
    const large = new SwinTransformer({ arch: narrow, img_size: 48, window_size: 6, out_indices: [1] });
    const ownIndex = Array.from(large.getBuffer('stages.1.blocks.1.attn.w_msa.relative_position_index').dataSync());
    const report = loadCheckpoint(large, serializeWeights(small));
    expect(report.mismatchedKeys).toEqual([]);
    expect(report.unexpectedKeys).toEqual([]);
    expect(report.missingKeys).toEqual([
      'stages.0.blocks.0.attn.w_msa.relative_position_index',
      'stages.0.blocks.1.attn.w_msa.relative_position_index',
      'stages.1.blocks.0.attn.w_msa.relative_position_index',
      'stages.1.blocks.1.attn.w_msa.relative_position_index',
    ]);
    const key = 'stages.1.blocks.1.attn.w_msa.relative_position_bias_table';
    const expected = resizeRelativePositionBiasTable(5, 11, small.getParameter(key).dataSync(), 2);
    expect(large.getParameter(key).shape).toEqual([121, 2]);
    expect(Array.from(large.getParameter(key).dataSync())).toEqual(Array.from(expected));
    expect(Array.from(large.getBuffer('stages.1.blocks.1.attn.w_msa.relative_position_index').dataSync())).toEqual(ownIndex);
    small.dispose();
    large.dispose();
  });

  it('resizes the tables of a backbone inside a model, and names the key it cannot resize', () => {
    class Holder extends Module<[Tensor], Tensor[]> {
      readonly backbone: SwinTransformer;
      constructor(backbone: SwinTransformer) {
        super();
        this.backbone = this.registerModule('backbone', backbone);
      }
      forward(x: Tensor): Tensor[] {
        return this.backbone.forward(x);
      }
    }
    const small = new Holder(new SwinTransformer({ arch: narrow, img_size: 48, window_size: 3, out_indices: [1] }));
    const large = new SwinTransformer({ arch: narrow, img_size: 48, window_size: 4, out_indices: [1] });
    const holder = new Holder(new SwinTransformer({ arch: narrow, img_size: 48, window_size: 4, out_indices: [1] }));
    const bytes = serializeWeights(small);
    const report = loadCheckpoint(holder, bytes);
    expect(report.mismatchedKeys).toEqual([]);
    expect(report.missingKeys.every((key) => key.startsWith('backbone.') && key.endsWith('relative_position_index'))).toBe(true);
    expect(holder.getParameter('backbone.stages.0.blocks.0.attn.w_msa.relative_position_bias_table').shape).toEqual([49, 1]);
    const tiny = new SwinTransformer({ arch: narrow, img_size: 48, window_size: 2, out_indices: [1] });
    expect(() => loadCheckpoint(large, serializeWeights(tiny))).toThrow(/SwinTransformer: cannot resize stages\.0\.blocks\.0\.attn\.w_msa\.relative_position_bias_table \[9, 1\] to \[49, 1\]/);
    for (const model of [small, large, holder, tiny]) model.dispose();
  });
});
