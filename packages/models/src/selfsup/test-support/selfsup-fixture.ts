import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Registries, createRegistries } from '@mmpt/registry';
import { type AnyModule, type Tensor, tensor } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { register } from '../../register';
import { registerSelfSup } from '../register';

/** A tensor as the generator script writes it. */
export interface EncodedTensor {
  shape: number[];
  data: number[];
}

/** A state dict as the generator script writes it (floating-point entries only). */
export type EncodedState = Record<string, EncodedTensor>;

/** The fixture written by scripts/generate-selfsup-fixtures.py. */
// biome-ignore lint/suspicious/noExplicitAny: the JSON's layout is checked by the tests that read it.
export const SELFSUP_FIXTURE: any = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__', 'selfsup.json'), 'utf8'));

/** A fixture tensor on the default backend (the caller disposes it). */
export function decode(encoded: EncodedTensor): Tensor {
  return tensor(Float32Array.from(encoded.data), { shape: encoded.shape });
}

/** Copies fixture weights into `module` (the entries it names must exist; others are left alone). */
export function loadEncodedState(module: AnyModule, state: EncodedState): void {
  const entries = new Map<string, Tensor>(Object.entries(state).map(([name, value]) => [name, decode(value)]));
  try {
    module.loadStateDict(entries, { strict: false });
  } finally {
    for (const value of entries.values()) value.dispose();
  }
}

/** The largest absolute difference between a module's state and fixture weights. */
export function stateDifference(module: AnyModule, state: EncodedState): number {
  const own = module.stateDict();
  let difference = 0;
  for (const [name, encoded] of Object.entries(state)) {
    const value = own.get(name);
    if (!value) throw new Error(`stateDifference: ${module.constructor.name} has no "${name}"`);
    difference = Math.max(difference, maxDifference(Array.from(value.dataSync()), encoded.data));
  }
  return difference;
}

/** The largest absolute difference between two lists of numbers of one length. */
export function maxDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`maxDifference: ${actual.length} values against ${expected.length}`);
  let difference = 0;
  for (let index = 0; index < actual.length; index++) difference = Math.max(difference, Math.abs((actual[index] as number) - (expected[index] as number)));
  return difference;
}

/** A backbone for tests: returns (a copy of) its input as its one feature, as `(x,)`. */
export class IdentityBackbone extends BaseModule<[Tensor], Tensor[]> {
  constructor(_options: Record<string, unknown> = {}) {
    super();
  }

  forward(x: Tensor): Tensor[] {
    return [x.add(0)];
  }
}

/** Registries with the models package, the self-supervised algorithms and the test backbone. */
export function selfSupRegistries(): Registries {
  const registries = createRegistries();
  register(registries);
  if (!registries.models.has('SimCLR')) registerSelfSup(registries);
  registries.models.register(IdentityBackbone);
  return registries;
}
