/** Formats a pair as Python prints a tuple: `(3, 3)`. */
export function pythonPair(pair: readonly [number, number]): string {
  return `(${pair[0]}, ${pair[1]})`;
}

/** Formats a boolean as Python prints it. */
export function pythonBool(value: boolean): string {
  return value ? 'True' : 'False';
}

/** Formats a number or a pair (with `null` as `None`) as Python prints it. */
export function pythonValue(value: number | null | readonly (number | null)[]): string {
  if (value === null) return 'None';
  if (typeof value === 'number') return String(value);
  return `(${value.map((item) => (item === null ? 'None' : String(item))).join(', ')})`;
}

/** Formats a float as Python's `repr` does: `1e-05`, `0.1`, `1.0`. */
export function pythonFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
    const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return Number.isInteger(value) ? `${value}.0` : String(value);
}
