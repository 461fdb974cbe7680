import type { Image } from '@mmpt/transforms';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows } from './bitmap-font';

/** An RGB colour, 0-255 per channel. */
export type Rgb = readonly [number, number, number];

/** The options of {@link drawTextBox}. */
export interface TextBoxOptions {
  /** The left of the first character, in image pixels. */
  x: number;
  /** The top of the first line, in image pixels. */
  y: number;
  /** Image pixels per font pixel (a positive integer). Defaults to 1. */
  scale?: number;
  /** The text colour. Defaults to white. */
  color?: Rgb;
  /** The colour of the box behind the text. Defaults to black. */
  background?: Rgb;
  /** The opacity of the box, 0 (none) to 1. Defaults to 0.5, as MMPretrain's text boxes. */
  backgroundAlpha?: number;
  /** The margin of the box around the text, in image pixels. Defaults to twice the scale. */
  padding?: number;
}

/** The horizontal advance of a character and the vertical advance of a line, in font pixels. */
const ADVANCE = GLYPH_WIDTH + 1;
const LINE_ADVANCE = GLYPH_HEIGHT + 2;

/**
 * The size in image pixels that lines of text take with the built-in bitmap font at `scale`.
 *
 * @example
 * measureText(['Prediction: 3'], 2); // { width: 154, height: 16 }
 */
export function measureText(lines: readonly string[], scale = 1): { width: number; height: number } {
  const columns = Math.max(0, ...lines.map((line) => [...line].length));
  if (columns === 0 || lines.length === 0) return { width: 0, height: 0 };
  return { width: (columns * ADVANCE - 1) * scale, height: ((lines.length - 1) * LINE_ADVANCE + GLYPH_HEIGHT) * scale };
}

/**
 * Draws lines of text with the built-in bitmap font onto a uint8 HWC RGB image, in place, over a
 * translucent box (MMPretrain's classification labels: white text on a half-transparent black
 * box). Whatever falls outside the image is clipped. No system font is involved.
 *
 * @example
 * drawTextBox(image, ['Ground truth: 3', 'Prediction: 3, 0.91'], { x: 5, y: 5, scale: 1 });
 */
export function drawTextBox(image: Image, lines: readonly string[], options: TextBoxOptions): void {
  if (!(image.data instanceof Uint8Array) || image.layout !== 'hwc' || image.channels !== 3) {
    throw new TypeError(`drawTextBox: expects a uint8 HWC image with 3 channels, got ${image.data.constructor.name} ${image.layout} with ${image.channels}`);
  }
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`drawTextBox: scale must be a positive integer, got ${scale}`);
  const alpha = options.backgroundAlpha ?? 0.5;
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`drawTextBox: backgroundAlpha must be in [0, 1], got ${alpha}`);
  const { width, height } = measureText(lines, scale);
  if (width === 0) return;
  const x = Math.round(options.x);
  const y = Math.round(options.y);
  const padding = Math.round(options.padding ?? 2 * scale);
  fillRectangle(image, x - padding, y - padding, width + 2 * padding, height + 2 * padding, options.background ?? [0, 0, 0], alpha);
  const color = options.color ?? [255, 255, 255];
  lines.forEach((line, lineIndex) => {
    [...line].forEach((character, column) => {
      drawGlyph(image, character, x + column * ADVANCE * scale, y + lineIndex * LINE_ADVANCE * scale, scale, color);
    });
  });
}

function drawGlyph(image: Image, character: string, left: number, top: number, scale: number, color: Rgb): void {
  glyphRows(character).forEach((row, rowIndex) => {
    row.forEach((lit, columnIndex) => {
      if (lit) fillRectangle(image, left + columnIndex * scale, top + rowIndex * scale, scale, scale, color, 1);
    });
  });
}

/** Blends a rectangle of one colour over the image, clipped to it. */
function fillRectangle(image: Image, left: number, top: number, width: number, height: number, color: Rgb, alpha: number): void {
  const data = image.data as Uint8Array;
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const x1 = Math.min(image.width, left + width);
  const y1 = Math.min(image.height, top + height);
  for (let row = y0; row < y1; row++) {
    for (let column = x0; column < x1; column++) {
      const at = (row * image.width + column) * 3;
      for (let channel = 0; channel < 3; channel++) {
        const under = data[at + channel] as number;
        data[at + channel] = Math.round(under + ((color[channel] as number) - under) * alpha);
      }
    }
  }
}
