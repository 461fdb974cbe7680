/**
 * A seedable random generator (xoshiro128**, seeded through splitmix32). All random tensors are
 * drawn on the host from a generator and then uploaded, so one seed gives the same numbers on
 * every backend and every run.
 *
 * @example
 * const generator = new Generator(42);
 * generator.uniform(); // in [0, 1)
 */
export class Generator {
  #state = new Uint32Array(4);
  #spareNormal: number | undefined;

  constructor(seed = 0) {
    this.manualSeed(seed);
  }

  /** Restarts the sequence from a seed. */
  manualSeed(seed: number): this {
    let x = (Math.trunc(seed) >>> 0) ^ Math.trunc(seed / 2 ** 32);
    for (let index = 0; index < 4; index++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.#state[index] = (z ^ (z >>> 16)) >>> 0;
    }
    if (this.#state.every((word) => word === 0)) this.#state[0] = 1;
    this.#spareNormal = undefined;
    return this;
  }

  /** The next 32 random bits. */
  nextUint32(): number {
    const s = this.#state;
    const result = Math.imul(rotl(Math.imul(s[1] as number, 5) >>> 0, 7), 9) >>> 0;
    const t = ((s[1] as number) << 9) >>> 0;
    s[2] = (s[2] as number) ^ (s[0] as number);
    s[3] = (s[3] as number) ^ (s[1] as number);
    s[1] = (s[1] as number) ^ (s[2] as number);
    s[0] = (s[0] as number) ^ (s[3] as number);
    s[2] = (s[2] as number) ^ t;
    s[3] = rotl(s[3] as number, 11);
    return result;
  }

  /** A float in [0, 1) with 24 random bits (exactly representable in float32). */
  uniform(): number {
    return (this.nextUint32() >>> 8) / 16777216;
  }

  /** A standard normal number (Box-Muller; pairs are used in turn). */
  normal(): number {
    if (this.#spareNormal !== undefined) {
      const spare = this.#spareNormal;
      this.#spareNormal = undefined;
      return spare;
    }
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.#spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** An integer in [low, high). */
  integer(low: number, high: number): number {
    const span = high - low;
    if (!(span > 0)) throw new RangeError(`integer: empty range [${low}, ${high})`);
    if (span <= 2 ** 32) {
      // Rejection sampling removes the modulo bias.
      const limit = 2 ** 32 - (2 ** 32 % span);
      let value = this.nextUint32();
      while (value >= limit) value = this.nextUint32();
      return low + (value % span);
    }
    return low + Math.floor(this.uniform() * span);
  }

  /** The generator's state, to save in a checkpoint. */
  getState(): number[] {
    return [...this.#state, this.#spareNormal === undefined ? Number.NaN : this.#spareNormal];
  }

  /** Restores a state from {@link Generator.getState}. */
  setState(state: readonly number[]): void {
    if (state.length !== 5) throw new RangeError('setState: expected the 5 numbers of getState()');
    for (let index = 0; index < 4; index++) this.#state[index] = (state[index] as number) >>> 0;
    const spare = state[4] as number;
    this.#spareNormal = Number.isNaN(spare) ? undefined : spare;
  }
}

function rotl(value: number, shift: number): number {
  return ((value << shift) | (value >>> (32 - shift))) >>> 0;
}

/** The generator used when a random function is not given one. */
export const defaultGenerator = new Generator(0);

/** Seeds the default generator, as `torch.manual_seed`. */
export function manualSeed(seed: number): void {
  defaultGenerator.manualSeed(seed);
}
