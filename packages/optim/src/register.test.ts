import { createRegistries } from '@mmpt/registry';
import { describe, expect, it } from 'vitest';
import { register } from './register';

describe('register', () => {
  it('registers nothing on import and every module under MMEngine’s names when called', () => {
    const registries = createRegistries();
    expect(registries.optimizers.size).toBe(0);
    register(registries);
    expect(registries.optimizers.keys()).toEqual(['SGD', 'Adam', 'AdamW', 'RMSprop', 'Adagrad', 'LARS', 'Lamb', 'LAMB']);
    expect(registries.optimWrappers.keys()).toEqual(['OptimWrapper', 'AmpOptimWrapper']);
    expect(registries.optimWrapperConstructors.keys()).toEqual(['DefaultOptimWrapperConstructor', 'LearningRateDecayOptimWrapperConstructor']);
    const schedules = ['Step', 'MultiStep', 'Constant', 'Exponential', 'CosineAnnealing', 'Linear', 'Poly', 'OneCycle', 'CosineRestart', 'ReduceOnPlateau'];
    expect(registries.parameterSchedulers.keys()).toEqual([
      ...schedules.map((name) => `${name}ParamScheduler`),
      ...schedules.map((name) => `${name}LR`),
      ...schedules.filter((name) => name !== 'OneCycle').map((name) => `${name}Momentum`),
    ]);
  });
});
