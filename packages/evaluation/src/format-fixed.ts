/**
 * Formats a number with a fixed number of decimals exactly as Python's `f'{value:.2f}'`: the
 * exact binary value is rounded to the nearest decimal, and an exact tie goes to the even digit
 * (`0.125` gives `'0.12'`, where JavaScript's `toFixed` gives `'0.13'`). MMPretrain builds metric
 * names such as `top1_thr-0.60` this way.
 *
 * @example
 * formatFixed(0.6, 2); // '0.60'
 * formatFixed(0.125, 2); // '0.12'
 */
export function formatFixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan';
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError(`formatFixed: digits must be an integer in [0, 20], got ${digits}`);
  }
  const text = value.toFixed(digits);
  if (!isHalfwayTie(Math.abs(value), digits)) return text;
  // toFixed rounds an exact tie away from zero; Python rounds it to the even digit.
  const lastDigit = Number(text.charAt(text.length - 1));
  if (lastDigit % 2 === 0) return text;
  return (Math.sign(value) * (Math.abs(Number(text)) - 10 ** -digits)).toFixed(digits);
}

/** Whether `value * 10^digits` is exactly an odd multiple of 1/2 (a rounding tie). */
function isHalfwayTie(value: number, digits: number): boolean {
  const { mantissa, exponent } = decompose(value);
  if (mantissa === 0n) return false;
  // value * 10^digits * 2 = mantissa * 2^exponent * 2 * 10^digits must be an odd integer.
  let numerator = mantissa * 2n * 10n ** BigInt(digits);
  if (exponent >= 0) return false; // an even integer times a power of two is even
  const denominator = 1n << BigInt(-exponent);
  if (numerator % denominator !== 0n) return false;
  numerator /= denominator;
  return numerator % 2n === 1n;
}

/** The exact value of a finite double as `mantissa * 2^exponent` with an integer mantissa. */
function decompose(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}
