import type { Generator } from '@mmpt/tensor';

/** A Gamma(shape, 1) sample (Marsaglia and Tsang's method; shape < 1 by boosting). */
export function sampleGamma(shape: number, generator: Generator): number {
  if (!(shape > 0)) throw new RangeError(`sampleGamma: the shape must be positive, got ${shape}`);
  if (shape < 1) return sampleGamma(shape + 1, generator) * generator.uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = generator.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = generator.uniform();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(alpha, beta) sample, as `np.random.beta`, drawn from `generator`. */
export function sampleBeta(alpha: number, beta: number, generator: Generator): number {
  const x = sampleGamma(alpha, generator);
  const y = sampleGamma(beta, generator);
  return x / (x + y);
}
