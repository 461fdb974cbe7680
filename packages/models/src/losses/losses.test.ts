import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRegistries } from '@mmpt/registry';
import { type AnyModule, type CpuBackend, type Tensor, createCpuBackend, memory, randn, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../register';
import { FIXTURES } from '../test-support/fixtures';
import { AsymmetricLoss } from './asymmetric-loss';
import { CrossEntropyLoss, type LossCallOptions } from './cross-entropy-loss';
import { FocalLoss } from './focal-loss';
import { L1Loss } from './l1-loss';
import { LabelSmoothLoss } from './label-smooth-loss';
import { SeesawLoss } from './seesaw-loss';
import { weightedLoss } from './weighted-loss';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

interface HostJson {
  shape: number[];
  data: number[];
}
interface LossCase {
  name: string;
  loss: Record<string, unknown>;
  call: { avg_factor?: number; reduction_override?: 'none' | 'mean' | 'sum' };
  inputs: Record<string, HostJson>;
  expected: HostJson;
  cum_samples?: HostJson;
}

const cases = JSON.parse(readFileSync(join(FIXTURES, 'losses.json'), 'utf8')) as LossCase[];
const registries = createRegistries();
register(registries);
const build = (config: Record<string, unknown>) => registries.models.build(config) as AnyModule;
const fromJson = (value: HostJson): Tensor => tensor(value.data, { shape: value.shape });
const values = (t: Tensor): number[] => Array.from(t.dataSync());
const t = (data: number[][] | number[]) => tensor(data as number[]);

function expectClose(actual: number[], expected: number[], tolerance = 1e-5): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, index) => expect(Math.abs(value - (expected[index] as number))).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected[index] as number))));
}

describe('losses against the formulas of MMPretrain (generated fixtures)', () => {
  for (const entry of cases.filter((item) => !item.name.startsWith('seesaw'))) {
    it(entry.name, () => {
      const loss = build(entry.loss);
      const result = tidy(() => {
        const score = fromJson(entry.inputs.score as HostJson);
        const rawLabel = fromJson(entry.inputs.label as HostJson);
        const label = rawLabel.rank === 1 ? rawLabel.cast('int32') : rawLabel;
        const options: LossCallOptions = {};
        if (entry.inputs.weight) options.weight = fromJson(entry.inputs.weight);
        if (entry.call.avg_factor !== undefined) options.avgFactor = entry.call.avg_factor;
        if (entry.call.reduction_override) options.reductionOverride = entry.call.reduction_override;
        return values(loss.forward(score, label, options) as Tensor);
      });
      expectClose(result, entry.expected.data);
    });
  }

  it('seesaw-two-calls: the cumulative class counts carry over between calls', () => {
    const entry = cases.find((item) => item.name === 'seesaw-two-calls') as LossCase;
    const loss = build(entry.loss) as SeesawLoss;
    const [first, second] = tidy(() => {
      const label = fromJson(entry.inputs.label as HostJson).cast('int32');
      const a = values(loss.forward(fromJson(entry.inputs.score as HostJson), label))[0] as number;
      const b = values(loss.forward(fromJson(entry.inputs.score2 as HostJson), label, { weight: fromJson(entry.inputs.weight as HostJson) }))[0] as number;
      return [a, b];
    });
    expectClose([first, second], entry.expected.data);
    expect(values(loss.cumSamples)).toEqual(entry.cum_samples?.data);
    loss.dispose();
  });
});

// The expected values of MMPretrain's tests/test_models/test_losses.py.
describe("losses against MMPretrain's test values", () => {
  it('AsymmetricLoss', () => {
    tidy(() => {
      const score = t([[5, -5, 0], [5, -5, 0]]);
      const label = t([[1, 0, 1], [0, 1, 0]]);
      const weight = t([0.5, 0.5]);
      const loss = new AsymmetricLoss({ gamma_pos: 1, gamma_neg: 4, clip: 0.05 });
      expectClose(values(loss.forward(score, label)), [3.80845 / 3], 1e-4);
      expectClose(values(loss.forward(score, label, { weight })), [3.80845 / 6], 1e-4);
      expectClose(values(new AsymmetricLoss({ gamma_pos: 1, gamma_neg: 4, clip: null }).forward(score, label)), [5.1186 / 3], 1e-4);
      const softmax = new AsymmetricLoss({ gamma_pos: 0, gamma_neg: 0, clip: null, use_sigmoid: false, eps: 1e-8 });
      expectClose(values(softmax.forward(score, t([0, 1]).cast('int32'))), [2.5045], 1e-4);
      expectClose(values(softmax.forward(score, t([0, 1]).cast('int32'), { weight })), [2.5045 * 0.5], 1e-4);
      expectClose(values(softmax.forward(score, t([[1, 0, 0], [0, 1, 0]]))), [2.5045], 1e-4);
    });
  });

  it('CrossEntropyLoss', () => {
    tidy(() => {
      const score = t([[-1000, 1000], [100, -100]]);
      const label = t([0, 1]).cast('int32');
      const weight = t([0.6, 0.4]);
      expectClose(values(new CrossEntropyLoss().forward(score, label)), [1100]);
      expectClose(values(new CrossEntropyLoss().forward(score, label, { weight })), [640]);
      const classWeighted = new CrossEntropyLoss({ class_weight: [0.3, 0.7] });
      expectClose(values(classWeighted.forward(score, label)), [370]);
      expectClose(values(classWeighted.forward(score, label, { weight })), [208]);
      const bceScore = t([[-200, 100], [500, -1000], [300, -300]]);
      const bceLabel = t([[1, 0], [0, 1], [1, 0]]);
      const bceWeight = t([0.6, 0.4, 0.5]);
      expectClose(values(new CrossEntropyLoss({ use_sigmoid: true }).forward(bceScore, bceLabel)), [300]);
      expectClose(values(new CrossEntropyLoss({ use_sigmoid: true }).forward(bceScore, bceLabel, { weight: bceWeight })), [130]);
      const bceClass = new CrossEntropyLoss({ use_sigmoid: true, class_weight: [0.1, 0.9] });
      expectClose(values(bceClass.forward(bceScore, bceLabel)), [176.667], 1e-5);
      expectClose(values(bceClass.forward(bceScore, bceLabel, { weight: bceWeight })), [74.333], 1e-5);
      expectClose(values(new CrossEntropyLoss({ use_sigmoid: true, pos_weight: [0.1, 0.2] }).forward(bceScore, bceLabel)), [136.6667], 1e-5);
      const soft = t([[1, 0], [0, 1]]);
      expectClose(values(new CrossEntropyLoss({ use_soft: true }).forward(score, soft)), [1100]);
      expectClose(values(new CrossEntropyLoss({ use_soft: true }).forward(score, soft, { weight })), [640]);
      expectClose(values(new CrossEntropyLoss({ use_soft: true, class_weight: [0.3, 0.7] }).forward(score, soft)), [370]);
      expectClose(values(new CrossEntropyLoss({ use_soft: true, class_weight: [0.3, 0.7] }).forward(score, soft, { weight })), [208]);
    });
    expect(() => new CrossEntropyLoss({ use_sigmoid: true, use_soft: true })).toThrow(/cannot both be true/);
  });

  it('FocalLoss', () => {
    tidy(() => {
      const score = t([[5, -5, 0], [5, -5, 0]]);
      const weight = t([0.5, 0.5]);
      const loss = new FocalLoss({ gamma: 2, alpha: 0.25 });
      expectClose(values(loss.forward(score, t([[1, 0, 1], [0, 1, 0]]))), [0.8522], 1e-4);
      expectClose(values(loss.forward(score, t([[1, 0, 1], [0, 1, 0]]), { weight })), [0.8522 / 2], 1e-4);
      expectClose(values(loss.forward(score, t([0, 1]).cast('int32'))), [0.86664125], 1e-5);
      expectClose(values(loss.forward(score, t([0, 1]).cast('int32'), { weight })), [0.86664125 / 2], 1e-5);
    });
  });

  it('LabelSmoothLoss', () => {
    expect(() => new LabelSmoothLoss({ label_smooth_val: 1.0 })).toThrow(/label_smooth_val must be a number in \[0, 1\), got 1/);
    expect(() => new LabelSmoothLoss({ label_smooth_val: 'str' as unknown as number })).toThrow(/got "str"/);
    expect(() => new LabelSmoothLoss({ label_smooth_val: 0.1, reduction: 'unknown' as 'mean' })).toThrow(/reduction must be/);
    expect(() => new LabelSmoothLoss({ label_smooth_val: 0.1, mode: 'unknown' as 'original' })).toThrow(/mode must be/);
    tidy(() => {
      const score = t([[1, -1]]);
      const label = t([0]).cast('int32');
      // MMPretrain checks `loss - correct <= 1e-4` against timm's and ClassyVision's values.
      expectClose(values(new LabelSmoothLoss({ label_smooth_val: 0.1, mode: 'original' }).forward(score, label)), [0.2269], 1e-3);
      expectClose(values(new LabelSmoothLoss({ label_smooth_val: 0.1, mode: 'original', use_sigmoid: true }).forward(score, label)), [0.3633], 1e-3);
      expectClose(values(new LabelSmoothLoss({ label_smooth_val: 0.1, mode: 'classy_vision' }).forward(score, label)), [0.2178], 1e-3);
      const multi = new LabelSmoothLoss({ label_smooth_val: 0.1, mode: 'multi_label' });
      const multiScore = t([[1, -1, 1]]);
      const bce = (x: number, y: number) => Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
      expectClose(values(multi.forward(multiScore, t([[1, 0, 1]]))), [(bce(1, 0.9) + bce(-1, 0.1) + bce(1, 0.9)) / 3]);
      const mixScore = t([[1, -1, 0]]);
      const mixed = new LabelSmoothLoss({ label_smooth_val: 0.1, mode: 'original', num_classes: 3 });
      const smooth1 = [0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3];
      const smooth2 = [0.1 / 3, 0.1 / 3, 0.9 + 0.1 / 3];
      const target = smooth1.map((value, index) => value * 0.6 + (smooth2[index] as number) * 0.4);
      const logSumExp = Math.log(Math.exp(1) + Math.exp(-1) + Math.exp(0));
      const expected = [1, -1, 0].reduce((total, logit, index) => total - (target[index] as number) * (logit - logSumExp), 0);
      expectClose(values(mixed.forward(mixScore, t([[0.6, 0, 0.4]]))), [expected]);
      const plain = new LabelSmoothLoss({ label_smooth_val: 0.1 });
      const pair = t([[1, -1], [1, -1]]);
      const labels = t([0, 1]).cast('int32');
      expectClose(values(plain.forward(pair, labels, { weight: t([0.5, 0.5]) })), values(plain.forward(pair, labels)).map((value) => value / 2));
    });
  });

  it('SeesawLoss', () => {
    expect(() => new SeesawLoss({ use_sigmoid: true })).toThrow(/use_sigmoid is not supported/);
    const twoClasses = new SeesawLoss({ p: 0, q: 0, num_classes: 2 });
    tidy(() => {
      expect(() => twoClasses.forward(t([[-100, 100, -100]]), t([1]).cast('int32'))).toThrow(/the scores have 3 classes but num_classes is 2/);
      expectClose(values(twoClasses.forward(t([[-100, 100]]), t([1]).cast('int32'))), [0]);
    });
    const mitigation = new SeesawLoss({ p: 1, q: 0, num_classes: 2 });
    mitigation.loadStateDict({ cum_samples: tensor([Math.exp(20), 0]) });
    tidy(() => expectClose(values(mitigation.forward(t([[-100, 100]]), t([0]).cast('int32'))), [180]));
    const compensation = new SeesawLoss({ p: 0, q: 1, num_classes: 2 });
    tidy(() => expectClose(values(compensation.forward(t([[-100, 100]]), t([0]).cast('int32'))), [200 + Math.log(100)]));
    for (const loss of [twoClasses, mitigation, compensation]) loss.dispose();
  });
});

describe('weighted_loss', () => {
  it('adds weight, reduction and avg_factor to an element-wise loss, as the guide shows', () => {
    const l1 = new L1Loss({ loss_weight: 2 });
    const before = memory().tensors;
    tidy(() => {
      const pred = t([[1, 2], [3, 4]]);
      const target = t([[0, 2], [5, 4]]);
      expectClose(values(l1.forward(pred, target)), [2 * (3 / 4)]);
      expectClose(values(l1.forward(pred, target, { reductionOverride: 'sum' })), [6]);
      expectClose(values(l1.forward(pred, target, { weight: t([[1, 1], [0, 0]]), avgFactor: 1 })), [2]);
      expect(values(l1.forward(pred, target, { reductionOverride: 'none' }))).toEqual([2, 0, 4, 0]);
      expect(() => l1.forward(pred, target, { reductionOverride: 'sum', avgFactor: 2 })).toThrow(/avg_factor can not be used with reduction="sum"/);
      expect(() => l1.forward(pred, t([1, 2]))).toThrow(/l1_loss: pred \[2, 2\] and target \[2\] must have the same non-empty shape/);
      const cubic = weightedLoss((a, b) => a.sub(b).abs().mul(a.sub(b).square()));
      expectClose(values(cubic(pred, target, { reduction: 'sum' })), [9]);
    });
    expect(memory().tensors).toBe(before);
  });

  it('trains: gradients flow through the losses', () => {
    const loss = new FocalLoss();
    const score = randn([3, 4]);
    score.requiresGrad = true;
    tidy(() => loss.forward(score, t([0, 2, 3]).cast('int32')).backward());
    expect(score.grad?.shape).toEqual([3, 4]);
    score.grad?.dispose();
    score.dispose();
  });
});
