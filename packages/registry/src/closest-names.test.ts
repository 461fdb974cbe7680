import { describe, expect, it } from 'vitest';
import { closestNames } from './closest-names';

describe('closestNames', () => {
  const known = ['ResNet', 'ResNeXt', 'ResNetV1c', 'VGG', 'VisionTransformer', 'SwinTransformer'];

  it('finds typos', () => {
    expect(closestNames('ResNt', known)).toEqual(['ResNet', 'ResNeXt']);
    expect(closestNames('VGGG', known)).toEqual(['VGG']);
  });

  it('ranks a case-insensitive match and contained names first', () => {
    expect(closestNames('resnet', known)).toEqual(['ResNet', 'ResNetV1c', 'ResNeXt']);
    expect(closestNames('Transformer', known)).toEqual(['SwinTransformer', 'VisionTransformer']);
  });

  it('returns nothing for unrelated names and respects the limit', () => {
    expect(closestNames('Accuracy', known)).toEqual([]);
    expect(closestNames('ResNet', known, 1)).toEqual(['ResNet']);
  });
});
