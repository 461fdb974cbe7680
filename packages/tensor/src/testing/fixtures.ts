import elementwise from './__fixtures__/elementwise.json' with { type: 'json' };
import matmul from './__fixtures__/matmul.json' with { type: 'json' };
import movement from './__fixtures__/movement.json' with { type: 'json' };
import reduce from './__fixtures__/reduce.json' with { type: 'json' };
import type { ReferenceFile } from './reference-cases';

/**
 * The PyTorch reference values of the core ops, written by
 * `scripts/generate-conformance-fixtures.py` (bundled into the build, so the published suite
 * carries them).
 */
export const ELEMENTWISE_REFERENCE = elementwise as unknown as ReferenceFile;
export const REDUCTION_REFERENCE = reduce as unknown as ReferenceFile;
export const MOVEMENT_REFERENCE = movement as unknown as ReferenceFile;
export const MATMUL_REFERENCE = matmul as unknown as ReferenceFile;

/** The cases of a file whose op is one of `ops`. */
export function casesFor(file: ReferenceFile, ops: readonly string[]): ReferenceFile {
  return { about: file.about, cases: file.cases.filter((testCase) => ops.includes(testCase.op)) };
}
