/**
 * How close a backend's value must be to the reference: `|actual - expected| <= atol + rtol * |expected|`.
 */
export interface Tolerance {
  rtol: number;
  atol: number;
}

/**
 * What a tolerance is for: a forward value, a gradient compared with an exact reference (PyTorch
 * or a closed form), or a gradient compared with central finite differences.
 */
export type ToleranceKind = 'forward' | 'gradient' | 'finiteDifference';

/** Ops whose float32 result is one correctly rounded operation (or a copy). */
const EXACT: Tolerance = { rtol: 1e-5, atol: 1e-6 };
/** Transcendental functions, whose float32 implementations differ by a few ulp. */
const TRANSCENDENTAL: Tolerance = { rtol: 1e-4, atol: 1e-5 };
/** Reductions and scans: the summation order is the backend's. */
const REDUCTION: Tolerance = { rtol: 1e-4, atol: 1e-5 };
/** Matrix products: blocked, vectorised and fused multiply-adds change the rounding. */
const PRODUCT: Tolerance = { rtol: 1e-4, atol: 1e-4 };
/** Network ops built on products and reductions (convolution, norms, losses, attention). */
const NETWORK: Tolerance = { rtol: 1e-4, atol: 1e-4 };

const TRANSCENDENTAL_OPS = ['exp', 'log', 'log1p', 'expm1', 'sigmoid', 'tanh', 'erf', 'sin', 'cos', 'pow', 'atan2', 'sqrt', 'rsqrt'];
const REDUCTION_OPS = ['sum', 'mean', 'prod', 'variance', 'std', 'logsumexp', 'norm', 'cumsum'];
const PRODUCT_OPS = ['matmul', 'linear'];

/** The forward tolerance of each op the suite knows; ops not listed are exact-ish ({@link EXACT}). */
export const DEFAULT_TOLERANCES: Readonly<Record<string, Tolerance>> = Object.freeze({
  ...Object.fromEntries(TRANSCENDENTAL_OPS.map((op) => [op, TRANSCENDENTAL])),
  ...Object.fromEntries(REDUCTION_OPS.map((op) => [op, REDUCTION])),
  ...Object.fromEntries(PRODUCT_OPS.map((op) => [op, PRODUCT])),
  network: NETWORK,
});

/** Gradients go through several ops: the forward tolerance times this factor. */
const GRADIENT_FACTOR = 10;

/**
 * Central differences of a float32 forward have an error of about `eps32 * |f| / step` (float32
 * rounding of the outputs) plus `step^2 * |f'''| / 6` (truncation): a percent-level tolerance.
 */
export const FINITE_DIFFERENCE_TOLERANCE: Tolerance = { rtol: 2e-2, atol: 2e-3 };

/**
 * The tolerance of an op for a kind of comparison. A backend's `overrides` win: `overrides[op]`
 * replaces the forward tolerance (and so scales the gradient one), `overrides['op.gradient']` and
 * `overrides['op.finiteDifference']` replace those directly. `specific` is the tolerance a test chose
 * for itself (a finite-difference check of an op with large second derivatives); the overrides
 * still win over it. `fallback` names a family default (`'network'`) for ops without their own entry.
 */
export function resolveTolerance(
  op: string,
  kind: ToleranceKind,
  overrides: Readonly<Record<string, Tolerance>> = {},
  options: { specific?: Tolerance | undefined; fallback?: string | undefined } = {},
): Tolerance {
  const direct = overrides[`${op}.${kind}`];
  if (direct) return direct;
  if (options.specific) return options.specific;
  if (kind === 'finiteDifference') return FINITE_DIFFERENCE_TOLERANCE;
  const fallback = options.fallback;
  const forward =
    overrides[op] ?? DEFAULT_TOLERANCES[op] ?? (fallback === undefined ? undefined : (overrides[fallback] ?? DEFAULT_TOLERANCES[fallback])) ?? EXACT;
  if (kind === 'forward') return forward;
  return { rtol: forward.rtol * GRADIENT_FACTOR, atol: forward.atol * GRADIENT_FACTOR };
}
