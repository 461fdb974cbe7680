/**
 * Checks that a hyperparameter is a number of at least `minimum`, with PyTorch's wording
 * (`Invalid learning rate: -1`) prefixed by the optimizer's name.
 */
export function checkAtLeast(owner: string, label: string, value: unknown, minimum = 0): void {
  if (typeof value !== 'number' || Number.isNaN(value) || value < minimum) {
    throw new RangeError(`${owner}: invalid ${label}: ${String(value)} (expected a number >= ${minimum})`);
  }
}

/** Checks that a beta (or another coefficient) lies in [0, 1). */
export function checkUnitInterval(owner: string, label: string, value: unknown): void {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || value >= 1) {
    throw new RangeError(`${owner}: invalid ${label}: ${String(value)} (expected a number in [0, 1))`);
  }
}
