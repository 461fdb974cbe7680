import { Generator, type CpuBackend, type Tensor, createCpuBackend, eye, memory, setDefaultBackend, stack, tensor, tidy, full } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CutMix } from './cutmix';
import { Mixup } from './mixup';
import { RandomBatchAugment } from './random-batch-augment';
import { ResizeMix } from './resizemix';
import { sampleBeta } from './sample-beta';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** N constant images (image i is filled with i) and one-hot scores (sample i is class i). */
function constantBatch(count: number, size = 8): [Tensor, Tensor] {
  const images = stack(Array.from({ length: count }, (_, index) => full([3, size, size], index)), 0);
  return [images, eye(count)];
}

/** For each sample: the mixing weight of its own class and the other class it was mixed with. */
function readMix(scores: Tensor): Array<{ own: number; other: number }> {
  const [count] = scores.shape as [number];
  const values = scores.dataSync();
  return Array.from({ length: count }, (_, row) => {
    const own = values[row * count + row] as number;
    let other = row;
    for (let column = 0; column < count; column++) if (column !== row && (values[row * count + column] as number) > 0) other = column;
    return { own, other };
  });
}

describe('sampleBeta', () => {
  it('draws Beta(a, b) values with the right mean', () => {
    const generator = new Generator(3);
    for (const [a, b] of [[0.8, 0.8], [2, 5], [0.2, 0.2]] as const) {
      const samples = Array.from({ length: 4000 }, () => sampleBeta(a, b, generator));
      expect(samples.every((value) => value >= 0 && value <= 1)).toBe(true);
      expect(samples.reduce((total, value) => total + value, 0) / samples.length).toBeCloseTo(a / (a + b), 1);
    }
  });
});

describe('Mixup', () => {
  it('mixes the images and the one-hot scores with the same λ and permutation', () => {
    const mixup = new Mixup({ alpha: 1, generator: new Generator(7) });
    tidy(() => {
      const [images, scores] = constantBatch(4);
      const [mixed, mixedScores] = mixup.apply(images, scores);
      const pixels = mixed.dataSync();
      readMix(mixedScores).forEach(({ own, other }, index) => {
        const expected = own * index + (1 - own) * other;
        expect(pixels[index * 3 * 64]).toBeCloseTo(expected, 5);
        expect(pixels[index * 3 * 64 + 100]).toBeCloseTo(expected, 5);
      });
      expect(Array.from(mixedScores.sum(1).dataSync()).every((value) => Math.abs(value - 1) < 1e-6)).toBe(true);
    });
    expect(() => new Mixup({ alpha: 0 })).toThrow('Mixup: alpha must be a positive number, got 0');
    expect(() => tidy(() => mixup.apply(full([2, 1, 2, 2], 0), tensor([0, 1])))).toThrow(/expects \[N, classes\] scores/);
  });
});

describe('CutMix', () => {
  it('pastes a box of another image and mixes the scores by its area', () => {
    const cutmix = new CutMix({ alpha: 1, generator: new Generator(11) });
    for (let round = 0; round < 5; round++) {
      tidy(() => {
        const [images, scores] = constantBatch(3, 16);
        const [mixed, mixedScores] = cutmix.apply(images, scores);
        const pixels = mixed.dataSync();
        readMix(mixedScores).forEach(({ own, other }, index) => {
          const plane = Array.from(pixels.slice(index * 3 * 256, index * 3 * 256 + 256));
          const pasted = plane.filter((value) => value !== index).length;
          if (other !== index) expect(pasted / 256).toBeCloseTo(1 - own, 6);
          expect(plane.every((value) => value === index || value === other)).toBe(true);
        });
      });
    }
  });

  it('draws the box sides within cutmix_minmax', () => {
    const cutmix = new CutMix({ alpha: 1, cutmix_minmax: [0.25, 0.5], generator: new Generator(2) });
    for (let round = 0; round < 20; round++) {
      const [[y1, y2, x1, x2], lambda] = cutmix.cutmixBboxAndLam(40, 20, 0.3);
      expect(y2 - y1).toBeGreaterThanOrEqual(10);
      expect(y2 - y1).toBeLessThan(20);
      expect(x2 - x1).toBeGreaterThanOrEqual(5);
      expect(x2 - x1).toBeLessThan(10);
      expect(lambda).toBeCloseTo(1 - ((y2 - y1) * (x2 - x1)) / 800, 10);
    }
    const uncorrected = new CutMix({ alpha: 1, correct_lam: false, generator: new Generator(2) });
    expect(uncorrected.cutmixBboxAndLam(32, 32, 0.3)[1]).toBe(0.3);
  });
});

describe('ResizeMix', () => {
  it('resizes the permuted images into the box', () => {
    const resizemix = new ResizeMix({ alpha: 1, generator: new Generator(5) });
    tidy(() => {
      const [images, scores] = constantBatch(3, 16);
      const [mixed, mixedScores] = resizemix.apply(images, scores);
      const pixels = mixed.dataSync();
      readMix(mixedScores).forEach(({ own, other }, index) => {
        const plane = Array.from(pixels.slice(index * 3 * 256, index * 3 * 256 + 256));
        if (other !== index) expect(plane.filter((value) => Math.abs(value - other) < 1e-5).length / 256).toBeCloseTo(1 - own, 6);
      });
    });
  });
});

describe('RandomBatchAugment', () => {
  it('chooses an augment per batch by probs, the remainder meaning none', () => {
    const random = new RandomBatchAugment({ augments: [{ type: 'Mixup', alpha: 0.8 }, { type: 'CutMix', alpha: 1 }], probs: [0.5, 0.3], generator: new Generator(1) });
    expect(random.augments.map((augment) => augment?.constructor.name ?? null)).toEqual(['Mixup', 'CutMix', null]);
    const counts = [0, 0, 0];
    for (let draw = 0; draw < 5000; draw++) {
      const index = random.choose();
      counts[index] = (counts[index] as number) + 1;
    }
    expect((counts[0] as number) / 5000).toBeCloseTo(0.5, 1);
    expect((counts[1] as number) / 5000).toBeCloseTo(0.3, 1);
    expect((counts[2] as number) / 5000).toBeCloseTo(0.2, 1);
    const none = new RandomBatchAugment({ augments: { type: 'Mixup', alpha: 1 }, probs: 0 });
    const before = memory().tensors;
    tidy(() => {
      const [images, scores] = constantBatch(2);
      const [same, sameScores] = none.apply(images, scores);
      expect(Array.from(same.dataSync())).toEqual(Array.from(images.dataSync()));
      expect(Array.from(sameScores.dataSync())).toEqual([1, 0, 0, 1]);
    });
    expect(memory().tensors).toBe(before);
    expect(() => new RandomBatchAugment({ augments: [{ type: 'Mixup', alpha: 1 }], probs: [0.6, 0.6] })).toThrow(/must have the same length, got 1 and 2/);
    expect(() => new RandomBatchAugment({ augments: [{ type: 'Mixup', alpha: 1 }, { type: 'CutMix', alpha: 1 }], probs: [0.6, 0.6] })).toThrow(/exceeds 1/);
    expect(() => new RandomBatchAugment({ augments: [{ type: 'MixUp', alpha: 1 }] })).toThrow(/unknown batch augment "MixUp"; known: Mixup, CutMix, ResizeMix/);
  });
});
