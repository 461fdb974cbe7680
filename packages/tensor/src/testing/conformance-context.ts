import { it } from 'vitest';
import type { Backend } from '../core/backend';
import { type ExpectedTensor, assertClose } from './assert-close';
import { type GradientCheck, checkGradients } from './finite-difference';
import type { HostTensor } from './host-tensor';
import { type Tolerance, type ToleranceKind, resolveTolerance } from './tolerances';

/** The options of `runConformanceSuite`. */
export interface ConformanceOptions {
  /** The backend's name in the test titles (`'cpu'`, `'webgpu'`). */
  name: string;
  /**
   * Creates a fresh backend. Called once for the suite (the backend is disposed after it) and
   * again by the tests that compare two instances.
   */
  createBackend: () => Backend | Promise<Backend>;
  /**
   * Op names or tags whose tests are skipped (reported as skipped, not hidden): an op such as
   * `'matmul'` or `'conv2d'` (the names of the `@mmpt/tensor` functions), a group (`'backend'`,
   * `'random'`, `'autograd'`, `'memory'`, `'network'`, or a network family: `'activations'`,
   * `'pooling'`, `'norms'`, `'losses'`...), or the tag `'special-values'` for the tests of
   * infinities and NaN.
   */
  skip?: readonly string[];
  /**
   * Tolerances that replace the defaults, by op: `{ matmul: { rtol: 1e-3, atol: 1e-3 } }` for the
   * forward values (gradients get ten times as much), `'matmul.gradient'` and
   * `'matmul.finiteDifference'` for the gradient checks directly.
   */
  tolerances?: Readonly<Record<string, Tolerance>>;
}

/** What the test groups share: the backend under test, the skip list and the tolerances. */
export class ConformanceContext {
  #backend: Backend | undefined;
  readonly #skip: ReadonlySet<string>;

  constructor(readonly options: ConformanceOptions) {
    this.#skip = new Set(options.skip ?? []);
  }

  /** The backend under test (created before the first test). */
  get backend(): Backend {
    if (!this.#backend) throw new Error(`conformance (${this.options.name}): the backend is used before it was created`);
    return this.#backend;
  }

  /** Whether the backend under test exists (between the suite's `beforeAll` and `afterAll`). */
  get isReady(): boolean {
    return this.#backend !== undefined;
  }

  /** @internal Set by the suite's `beforeAll`. */
  setBackend(backend: Backend | undefined): void {
    this.#backend = backend;
  }

  /** Whether a test tagged with these ops or tags is skipped. */
  isSkipped(tags: readonly string[]): boolean {
    return tags.some((tag) => this.#skip.has(tag));
  }

  /**
   * Registers a test for one or more ops (the first is its op for tolerances); it is skipped when
   * any of `tags` is in the skip list.
   */
  test(title: string, tags: string | readonly string[], body: () => void | Promise<void>): void {
    const list = typeof tags === 'string' ? [tags] : tags;
    if (this.isSkipped(list)) it.skip(title, body);
    else it(title, body);
  }

  /** The tolerance of an op, after the backend's overrides (see {@link resolveTolerance}). */
  tolerance(op: string, kind: ToleranceKind = 'forward', specific?: Tolerance, fallback?: string): Tolerance {
    return resolveTolerance(op, kind, this.options.tolerances, { specific, fallback });
  }

  /** Checks a value read back from the backend against the expected one, with `op`'s forward tolerance. */
  expectTensor(op: string, actual: HostTensor, expected: ExpectedTensor, label = op): void {
    assertClose(actual, expected, this.tolerance(op), label);
  }

  /**
   * Registers a test that checks the gradients of `check.forward` against central finite
   * differences, with the op's finite-difference tolerance (`tolerance` is this check's own
   * choice, which a backend's `'op.finiteDifference'` override still replaces).
   */
  gradientTest(title: string, tags: string | readonly string[], check: GradientCheck, tolerance?: Tolerance): void {
    const list = typeof tags === 'string' ? [tags] : tags;
    const op = list[0] ?? title;
    this.test(title, list, () => checkGradients(check, this.tolerance(op, 'finiteDifference', tolerance), `${op} (${title})`));
  }
}
