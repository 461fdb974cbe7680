import { describe, expect, it } from 'vitest';
import { LoadFailure, loadInOrder } from './load-in-order';

const delay = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('loadInOrder', () => {
  it('keeps the order of the indices with several loads in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await loadInOrder([5, 1, 4, 2, 3], 3, async (index) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await delay(index * 2);
      inFlight--;
      return index * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(3);
  });

  it('reports the earliest failing index, as a serial run would', async () => {
    const started: number[] = [];
    const failure = await loadInOrder([0, 1, 2, 3, 4, 5, 6], 2, async (index) => {
      started.push(index);
      await delay(index === 1 ? 10 : 1);
      if (index === 1 || index === 2) throw new Error(`bad ${index}`);
      return index;
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LoadFailure);
    expect(failure).toMatchObject({ index: 1, message: 'bad 1' });
    expect(started).not.toContain(6);
  });
});
