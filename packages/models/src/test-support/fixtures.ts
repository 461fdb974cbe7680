import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegistries } from '@mmpt/registry';
import { type AnyModule, type Tensor, hostToTensor, readSafetensors } from '@mmpt/tensor';
import { register } from '../register';

/**
 * The folder of the committed fixtures written by scripts/generate-parity-fixtures.py
 * (`MMPT_MODELS_FIXTURES` overrides it for bundled runs, whose module URL is elsewhere).
 */
export const FIXTURES = process.env.MMPT_MODELS_FIXTURES ?? join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__');

/** The path of a parity fixture file. */
export function parityPath(name: string): string {
  return join(FIXTURES, 'parity', name);
}

/** One parity case of parity/cases.json. */
export interface ParityCase {
  name: string;
  config: Record<string, unknown>;
  inputs: number;
  half: boolean;
}

/** The parity cases. */
export function parityCases(): ParityCase[] {
  return JSON.parse(readFileSync(parityPath('cases.json'), 'utf8')) as ParityCase[];
}

/** The inputs and reference logits of a case, as tensors (the caller disposes them). */
export function parityInputs(name: string): Array<{ input: Tensor; logits: Tensor }> {
  const { tensors } = readSafetensors(readFileSync(parityPath(`${name}.io.safetensors`)));
  const result: Array<{ input: Tensor; logits: Tensor }> = [];
  for (let index = 0; tensors.has(`input${index}`); index++) {
    result.push({ input: hostToTensor(tensors.get(`input${index}`) as never), logits: hostToTensor(tensors.get(`logits${index}`) as never) });
  }
  return result;
}

/** Builds a model config through a fresh set of registries with this package registered. */
export function buildModel<M extends AnyModule = AnyModule>(config: Record<string, unknown>): M {
  const registries = createRegistries();
  register(registries);
  return registries.models.build(config) as M;
}

/** The largest absolute difference divided by the largest absolute reference value. */
export function relativeError(actual: Tensor, expected: Tensor): number {
  const a = actual.dataSync();
  const b = expected.dataSync();
  if (a.length !== b.length) throw new Error(`relativeError: ${a.length} values against ${b.length}`);
  let difference = 0;
  let scale = 0;
  for (let index = 0; index < a.length; index++) {
    difference = Math.max(difference, Math.abs((a[index] as number) - (b[index] as number)));
    scale = Math.max(scale, Math.abs(b[index] as number));
  }
  return difference / Math.max(scale, 1e-12);
}
