import type { MemoryInfo } from '../core/engine';

/**
 * Throws when `after` holds more (or fewer) live tensors or bytes than `before`: how the suite
 * checks, after every test, that the test disposed what it created.
 */
export function assertNoLeak(before: MemoryInfo, after: MemoryInfo): void {
  if (after.tensors !== before.tensors || after.bytes !== before.bytes) {
    throw new Error(
      `leak check: the test left ${after.tensors - before.tensors} tensors and ${after.bytes - before.bytes} bytes alive ` +
        `(${before.tensors} tensors / ${before.bytes} bytes before, ${after.tensors} / ${after.bytes} after); ` +
        'dispose what it creates or create it inside tidy()',
    );
  }
}
