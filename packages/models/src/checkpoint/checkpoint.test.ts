import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CpuBackend, createCpuBackend, memory, noGrad, readPth, readSafetensors, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResNet } from '../backbones/resnet/resnet';
import type { ImageClassifier } from '../classifiers/image-classifier';
import { LinearClsHead } from '../heads/linear-cls-head';
import { buildModel, parityCases, parityInputs, parityPath, relativeError } from '../test-support/fixtures';
import { loadCheckpoint } from './load-checkpoint';
import { saveWeights, serializeWeights } from './save-weights';
import { detectWeightFormat, readWeightFile } from './weight-file';

let backend: CpuBackend;
let directory: string;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
  directory = mkdtempSync(join(tmpdir(), 'mmpt-models-'));
});
afterAll(() => {
  backend.dispose();
  rmSync(directory, { recursive: true, force: true });
});

const resnet18 = () => parityCases().find((entry) => entry.name === 'resnet18-narrow') as ReturnType<typeof parityCases>[number];

describe('loadCheckpoint', () => {
  it('loads the state_dict of an MMPretrain .pth checkpoint and reports every key as loaded', () => {
    const model = buildModel<ImageClassifier>(resnet18().config).eval();
    const report = loadCheckpoint(model, parityPath('resnet18-narrow.pth'), { strict: true });
    expect(report.format).toBe('pth');
    expect(report.missingKeys).toEqual([]);
    expect(report.unexpectedKeys).toEqual([]);
    expect(report.loadedKeys).toHaveLength(model.stateDict().size);
    expect(model.getBuffer('backbone.bn1.num_batches_tracked').item()).toBe(7);
    const [{ input, logits }] = parityInputs('resnet18-narrow') as [ReturnType<typeof parityInputs>[number]];
    const error = tidy(() => noGrad(() => relativeError(model.forward(input), logits)));
    expect(error).toBeLessThan(1e-4);
    input.dispose();
    logits.dispose();
    model.dispose();
  });

  it('loads a backbone out of a classifier checkpoint with a prefix', () => {
    const backbone = new ResNet({ depth: 18, stem_channels: 8, base_channels: 8 });
    const report = loadCheckpoint(backbone, parityPath('resnet18-narrow.pth'), { prefix: 'backbone', strict: true });
    expect(report.unexpectedKeys).toEqual([]);
    const { stateDict } = readWeightFile(parityPath('resnet18-narrow.pth'));
    const expected = stateDict.get('backbone.layer4.1.conv2.weight')?.data as Float32Array;
    expect(Array.from(backbone.getParameter('layer4.1.conv2.weight').dataSync().slice(0, 5))).toEqual(Array.from(expected.slice(0, 5)));
    expect(() => loadCheckpoint(backbone, parityPath('resnet18-narrow.pth'), { prefix: 'neck.' })).toThrow(
      /no key starts with the prefix "neck\."; the top-level names are "backbone", "head"/,
    );
    backbone.dispose();
  });

  it('reports missing, unexpected and mismatched keys, and fails on them when strict', () => {
    const model = buildModel<ImageClassifier>({ ...resnet18().config, head: { type: 'LinearClsHead', num_classes: 5, in_channels: 64 } });
    const head = model.getParameter('head.fc.weight');
    const before = Array.from(head.dataSync());
    expect(() => loadCheckpoint(model, parityPath('resnet18-narrow.pth'), { strict: true })).toThrow(
      /size mismatch: head\.fc\.weight \(checkpoint \[10, 64\], model \[5, 64\]\)/,
    );
    const report = loadCheckpoint(model, parityPath('resnet18-narrow.pth'));
    expect(report.mismatchedKeys.map((entry) => entry.key)).toEqual(['head.fc.weight', 'head.fc.bias']);
    expect(Array.from(head.dataSync())).toEqual(before);
    const bare = new ResNet({ depth: 18, stem_channels: 8, base_channels: 8 });
    const bareReport = loadCheckpoint(bare, parityPath('resnet18-narrow.pth'));
    expect(bareReport.loadedKeys).toEqual([]);
    expect(bareReport.missingKeys).toContain('conv1.weight');
    expect(bareReport.unexpectedKeys).toContain('backbone.conv1.weight');
    model.dispose();
    bare.dispose();
  });

  it('reads a bare state dict and strips the DataParallel "module." prefix by default', () => {
    const head = new LinearClsHead({ num_classes: 3, in_channels: 4 });
    const report = loadCheckpoint(head, parityPath('bare-state-dict.pth'), { strict: true });
    expect(report.loadedKeys).toEqual(['fc.weight', 'fc.bias']);
    const raw = readPth(readFileSync(parityPath('bare-state-dict.pth'))) as Map<string, { data: Float32Array }>;
    expect(Array.from(head.getParameter('fc.bias').dataSync())).toEqual(Array.from(raw.get('module.fc.bias')?.data ?? []));
    expect(() => loadCheckpoint(head, parityPath('bare-state-dict.pth'), { strict: true, revise_keys: [] })).toThrow(/unexpected key in source state_dict: module\.fc\.weight/);
    const renamed = loadCheckpoint(head, parityPath('bare-state-dict.pth'), { revise_keys: [[/^module\.fc\./, 'fc.']] });
    expect(renamed.loadedKeys).toHaveLength(2);
    head.dispose();
  });
});

describe('saveWeights', () => {
  it('writes safetensors with PyTorch keys that load back into the same architecture', () => {
    const model = buildModel<ImageClassifier>(resnet18().config).eval();
    loadCheckpoint(model, parityPath('resnet18-narrow.pth'));
    const path = join(directory, 'resnet18.safetensors');
    const written = saveWeights(model, path, { metadata: { epoch: '3' } });
    const bytes = readFileSync(path);
    expect(written).toBe(bytes.byteLength);
    expect(detectWeightFormat(bytes)).toBe('safetensors');
    const { tensors, metadata } = readSafetensors(bytes);
    expect(metadata).toEqual({ format: 'pt', epoch: '3' });
    expect([...tensors.keys()]).toEqual([...model.stateDict().keys()]);
    expect(tensors.get('backbone.bn1.num_batches_tracked')?.dtype).toBe('int32');
    const copy = buildModel<ImageClassifier>(resnet18().config).eval();
    const report = loadCheckpoint(copy, path, { strict: true });
    expect(report.format).toBe('safetensors');
    const fromBytes = loadCheckpoint(copy, serializeWeights(model), { strict: true });
    expect(fromBytes.loadedKeys).toHaveLength(report.loadedKeys.length);
    const [{ input, logits }] = parityInputs('resnet18-narrow') as [ReturnType<typeof parityInputs>[number]];
    expect(tidy(() => noGrad(() => relativeError(copy.forward(input), logits)))).toBeLessThan(1e-4);
    input.dispose();
    logits.dispose();
    model.dispose();
    copy.dispose();
  });

  it('does not leak tensors while loading', () => {
    const model = buildModel<ImageClassifier>(resnet18().config);
    const before = memory().tensors;
    loadCheckpoint(model, parityPath('resnet18-narrow.pth'));
    expect(memory().tensors).toBe(before);
    model.dispose();
  });
});

describe('init_cfg Pretrained', () => {
  it('loads a backbone from a classifier checkpoint through initWeights', () => {
    const backbone = new ResNet({
      depth: 18,
      stem_channels: 8,
      base_channels: 8,
      init_cfg: { type: 'Pretrained', checkpoint: parityPath('resnet18-narrow.pth'), prefix: 'backbone.' },
    });
    backbone.initWeights();
    const { stateDict } = readWeightFile(parityPath('resnet18-narrow.pth'));
    // Pretrained weights are not overwritten by the zero init of the residual norms.
    expect(Array.from(backbone.getParameter('layer1.0.bn2.weight').dataSync())).toEqual(Array.from(stateDict.get('backbone.layer1.0.bn2.weight')?.data ?? []));
    backbone.dispose();
    const wrong = new ResNet({ depth: 18, stem_channels: 8, base_channels: 8, init_cfg: { type: 'Pretrained', checkpoint: parityPath('resnet18-narrow.pth') } });
    expect(() => wrong.initWeights()).toThrow(/init_cfg Pretrained: no entry of .*resnet18-narrow\.pth matches ResNet/);
    wrong.dispose();
  });
});
