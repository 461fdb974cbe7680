import type { Registries } from '@mmpt/registry';
import { DataSample } from '@mmpt/structures';
import { type CpuBackend, type Tensor, createCpuBackend, memory, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SELFSUP_FIXTURE, decode, loadEncodedState, maxDifference, selfSupRegistries, stateDifference } from '../test-support/selfsup-fixture';
import type { BYOL } from './byol';
import type { MoCo } from './moco';
import type { SimCLR } from './simclr';
import type { SimSiam } from './simsiam';

let backend: CpuBackend;
let registries: Registries;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
beforeEach(() => {
  registries = selfSupRegistries();
});
afterAll(() => backend.dispose());

const samples = (count: number) => Array.from({ length: count }, () => new DataSample());

describe('SimCLR', () => {
  it('gives MMPretrain\'s loss and gradients over the 2N interleaved views', () => {
    const fixture = SELFSUP_FIXTURE.simclr;
    const model = registries.models.build({
      type: 'SimCLR',
      backbone: { type: 'IdentityBackbone' },
      neck: { type: 'NonLinearNeck', in_channels: 4, hid_channels: 6, out_channels: 5, with_avg_pool: true },
      head: { type: 'ContrastiveHead', loss: { type: 'CrossEntropyLoss' }, temperature: fixture.temperature },
    }) as SimCLR;
    loadEncodedState(model.neck as never, fixture.neck);
    const before = memory().tensors;
    const value = tidy(() => {
      const views = fixture.views.map(decode) as Tensor[];
      const loss = model.loss(views, samples(3)).loss as Tensor;
      loss.backward();
      return loss.item();
    });
    expect(value).toBeCloseTo(fixture.loss, 5);
    const grad = (model.neck as unknown as { fc0: { weight: Tensor } }).fc0.weight.grad as Tensor;
    expect(maxDifference(grad.dataSync(), fixture.grad_fc0_weight.data)).toBeLessThan(1e-5);
    model.zeroGrad();
    expect(memory().tensors).toBe(before);
  });

  it('needs two views', () => {
    const model = registries.models.build({
      type: 'SimCLR',
      backbone: { type: 'IdentityBackbone' },
      neck: { type: 'NonLinearNeck', in_channels: 4, hid_channels: 6, out_channels: 5 },
      head: { type: 'ContrastiveHead', loss: { type: 'CrossEntropyLoss' } },
    }) as SimCLR;
    tidy(() => expect(() => model.loss(decode(SELFSUP_FIXTURE.simclr.views[0]), samples(3))).toThrow(/SimCLR.loss: expected a list of at least 2 views/));
  });
});

describe('MoCo', () => {
  const fixture = SELFSUP_FIXTURE.moco;

  function buildMoCo(): MoCo {
    const model = registries.models.build({
      type: 'MoCo',
      queue_len: fixture.queue_len,
      feat_dim: fixture.feat_dim,
      momentum: fixture.momentum,
      backbone: { type: 'IdentityBackbone' },
      neck: { type: 'MoCoV2Neck', in_channels: 4, hid_channels: 6, out_channels: 5, with_avg_pool: true },
      head: { type: 'ContrastiveHead', loss: { type: 'CrossEntropyLoss' }, temperature: fixture.temperature },
    }) as MoCo;
    tidy(() => model.loadStateDict(new Map([['queue', decode(fixture.initial_queue)]]), { strict: false }));
    return model;
  }

  it('has MMPretrain\'s state-dict names and a normalised random queue', () => {
    const model = buildMoCo();
    const keys = [...model.stateDict().keys()];
    expect(keys.slice(0, 2)).toEqual(['queue', 'queue_ptr']);
    expect(keys).toContain('neck.mlp.0.weight');
    expect(keys).toContain('encoder_k.steps');
    expect(keys).toContain('encoder_k.module.1.mlp.2.bias');
    const fresh = registries.models.build({ type: 'MoCo', feat_dim: 8, queue_len: 16, backbone: { type: 'IdentityBackbone' }, neck: { type: 'MoCoV2Neck', in_channels: 4, hid_channels: 6, out_channels: 8 }, head: { type: 'ContrastiveHead', loss: { type: 'CrossEntropyLoss' } } }) as MoCo;
    const queue = fresh.queue.dataSync();
    for (let column = 0; column < 16; column++) {
      let total = 0;
      for (let row = 0; row < 8; row++) total += (queue[row * 16 + column] as number) ** 2;
      expect(total).toBeCloseTo(1, 5);
    }
  });

  it('matches MMPretrain over three steps: losses, the momentum update of encoder_k, and the queue ring buffer', () => {
    const model = buildMoCo();
    const before = memory().tensors;
    const pointers: number[] = [];
    for (const step of fixture.steps) {
      loadEncodedState(model.neck as never, step.online);
      const value = tidy(() => (model.loss(step.views.map(decode) as Tensor[], samples(3)).loss as Tensor).item());
      expect(value).toBeCloseTo(step.loss, 5);
      expect(stateDifference(model.encoderK.module.getSubmodule('1'), step.encoder_k)).toBeLessThan(1e-6);
      expect(maxDifference(model.queue.dataSync(), step.queue_after.data)).toBeLessThan(1e-6);
      expect(model.queuePtr.dataSync()[0]).toBe(step.ptr_after);
      pointers.push(model.pointer);
    }
    expect(pointers).toEqual([3, 0, 3]);
    expect(model.encoderK.stepCount).toBe(3);
    expect(memory().tensors).toBe(before);
  });

  it('needs queue_len to be a multiple of the batch size', () => {
    const model = buildMoCo();
    tidy(() => expect(() => model.dequeueAndEnqueue(decode({ shape: [4, 5], data: new Array(20).fill(0) }))).toThrow(/queue_len \(6\) must be a multiple of the batch size \(4\)/));
  });

  it('rebuilds the momentum encoder from configs only', () => {
    const backbone = registries.models.build({ type: 'IdentityBackbone' });
    expect(() =>
      registries.models.build({ type: 'MoCo', backbone, neck: { type: 'MoCoV2Neck', in_channels: 4, hid_channels: 6, out_channels: 5 }, head: { type: 'ContrastiveHead', loss: { type: 'CrossEntropyLoss' } } }),
    ).toThrow(/the momentum encoder is built from the backbone config, but backbone was given as a built module/);
  });
});

describe('BYOL', () => {
  it('matches MMPretrain over three steps: the loss 2 (l(v1, t2) + l(v2, t1)) and the CosineEMA target network', () => {
    const fixture = SELFSUP_FIXTURE.byol;
    const model = registries.models.build({
      type: 'BYOL',
      base_momentum: 0.2,
      backbone: { type: 'IdentityBackbone' },
      neck: { type: 'NonLinearNeck', in_channels: 4, hid_channels: 6, out_channels: 5, with_avg_pool: true },
      head: {
        type: 'LatentPredictHead',
        predictor: { type: 'NonLinearNeck', in_channels: 5, hid_channels: 6, out_channels: 5, with_avg_pool: false },
        loss: { type: 'CosineSimilarityLoss' },
      },
    }) as BYOL;
    // the fixture's target network anneals to end_momentum 1 over 4 iterations
    (model.targetNet as { endMomentum: number }).endMomentum = 1;
    model.setRuntimeInfo({ max_iters: 4 });
    expect(model.targetNet.maxIters).toBe(4);
    const predictor = (model.head as unknown as { predictor: never }).predictor;
    const before = memory().tensors;
    for (const step of fixture.steps) {
      loadEncodedState(model.neck as never, step.neck);
      loadEncodedState(predictor, step.predictor);
      const value = tidy(() => (model.loss(step.views.map(decode) as Tensor[], samples(4)).loss as Tensor).item());
      expect(value).toBeCloseTo(step.loss, 5);
      expect(stateDifference(model.targetNet.module.getSubmodule('1'), step.target_net)).toBeLessThan(1e-6);
    }
    expect(memory().tensors).toBe(before);
    expect([...model.stateDict().keys()]).toContain('target_net.module.1.fc0.weight');
  });
});

describe('SimSiam', () => {
  it('matches MMPretrain: 0.5 (l(z1, z2) + l(z2, z1)) with a 3-layer projector without last-BN affine', () => {
    const fixture = SELFSUP_FIXTURE.simsiam;
    const model = registries.models.build({
      type: 'SimSiam',
      backbone: { type: 'IdentityBackbone' },
      neck: { type: 'NonLinearNeck', in_channels: 4, hid_channels: 6, out_channels: 5, num_layers: 3, with_last_bn_affine: false, with_avg_pool: true },
      head: {
        type: 'LatentPredictHead',
        predictor: { type: 'NonLinearNeck', in_channels: 5, hid_channels: 3, out_channels: 5, with_avg_pool: false, with_last_bn: false, with_last_bias: true },
        loss: { type: 'CosineSimilarityLoss' },
      },
    }) as SimSiam;
    expect([...model.stateDict().keys()].filter((key) => key.startsWith('neck.bn2'))).toEqual(['neck.bn2.running_mean', 'neck.bn2.running_var', 'neck.bn2.num_batches_tracked']);
    loadEncodedState(model.neck as never, fixture.neck);
    loadEncodedState((model.head as unknown as { predictor: never }).predictor, fixture.predictor);
    const value = tidy(() => {
      const loss = model.loss(fixture.views.map(decode) as Tensor[], samples(4)).loss as Tensor;
      loss.backward();
      return loss.item();
    });
    expect(value).toBeCloseTo(fixture.loss, 5);
    model.zeroGrad();
  });
});
