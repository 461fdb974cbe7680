import { describe, expect, it } from 'vitest';
import { broadcastStrides, collapseLoop, forEachBroadcastRow } from './broadcast-loop';

describe('collapseLoop', () => {
  it('merges a per-channel operand of NCHW into [N, C, H·W] rows', () => {
    const shape = [2, 3, 4, 5];
    const collapsed = collapseLoop(shape, [broadcastStrides(shape, shape), broadcastStrides([1, 3, 1, 1], shape)]);
    expect(collapsed).toEqual({ shape: [2, 3, 20], strides: [[60, 20, 1], [0, 1, 0]] });
  });

  it('merges everything for contiguous operands and drops axes of size 1', () => {
    expect(collapseLoop([2, 1, 3], [[3, 3, 1], [3, 3, 1]])).toEqual({ shape: [6], strides: [[1], [1]] });
    expect(collapseLoop([1, 1], [[1, 1]])).toEqual({ shape: [], strides: [[]] });
  });

  it('keeps axes apart where one operand is not contiguous across them (a transpose)', () => {
    expect(collapseLoop([3, 4], [[4, 1], [1, 3]])).toEqual({ shape: [3, 4], strides: [[4, 1], [1, 3]] });
  });

  it('merges a full flip into one axis with a negative stride', () => {
    expect(collapseLoop([2, 3], [[-3, -1]])).toEqual({ shape: [6], strides: [[-1]] });
  });
});

describe('forEachBroadcastRow', () => {
  it('visits every output element in order with the broadcast input offsets', () => {
    const shape = [2, 2, 3];
    const strides = [broadcastStrides([2, 1, 3], shape), broadcastStrides([2, 1], shape)];
    const visited: number[][] = [];
    forEachBroadcastRow(shape, strides, (start, offsets, inner, length) => {
      for (let index = 0; index < length; index++) {
        visited.push([start + index, (offsets[0] as number) + index * (inner[0] as number), (offsets[1] as number) + index * (inner[1] as number)]);
      }
    });
    const expected: number[][] = [];
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) for (let c = 0; c < 3; c++) expected.push([a * 6 + b * 3 + c, a * 3 + c, b]);
    expect(visited).toEqual(expected);
  });

  it('visits nothing for an empty shape and one element for a scalar', () => {
    let calls = 0;
    forEachBroadcastRow([2, 0, 3], [[0, 0, 0]], () => calls++);
    expect(calls).toBe(0);
    forEachBroadcastRow([], [[]], (start, offsets, inner, length) => {
      calls++;
      expect([start, offsets[0], length]).toEqual([0, 0, 1]);
    });
    expect(calls).toBe(1);
  });
});
