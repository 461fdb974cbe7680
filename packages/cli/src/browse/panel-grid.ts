import sharp, { type OverlayOptions } from 'sharp';
import { drawTextBox, measureText } from '@mmpt/engine';
import { type Image, createImage, encodeImage } from '@mmpt/transforms';

/** One image of an output picture, with the caption written above it. */
export interface Panel {
  image: Image;
  caption?: string;
}

const MARGIN = 4;
/** Image pixels per pixel of the bitmap font (5x7 glyphs: 14-pixel-high text). */
const FONT_SCALE = 2;
const LINE_HEIGHT = 16;

/**
 * Draws images side by side on a white canvas (tops aligned), each under its caption, with an
 * optional title line above them all, and returns the PNG. Text is drawn with the engine's bitmap
 * font, so it needs no system font (a bare container has none).
 */
export async function renderPanels(panels: readonly Panel[], title?: string): Promise<Buffer> {
  if (panels.length === 0) throw new Error('renderPanels: no image to draw');
  const hasCaptions = panels.some((panel) => panel.caption);
  const titleHeight = title ? LINE_HEIGHT + MARGIN : 0;
  const captionHeight = hasCaptions ? LINE_HEIGHT : 0;
  const columns = panels.map((panel) => Math.max(panel.image.width, textWidth(panel.caption)));
  const imagesTop = MARGIN + titleHeight + captionHeight;
  const width = Math.max(columns.reduce((sum, column) => sum + column, 0) + MARGIN * (panels.length + 1), textWidth(title) + 2 * MARGIN);
  const height = imagesTop + Math.max(...panels.map((panel) => panel.image.height)) + MARGIN;
  const canvas = createImage(height, width, 3, { channelOrder: 'rgb', data: new Uint8Array(width * height * 3).fill(255) });
  const write = (text: string, x: number, y: number) => drawTextBox(canvas, [text], { x, y, scale: FONT_SCALE, color: [0, 0, 0], backgroundAlpha: 0, padding: 0 });
  if (title) write(title, MARGIN, MARGIN);
  const layers: OverlayOptions[] = [];
  let left = MARGIN;
  for (const [index, panel] of panels.entries()) {
    const column = columns[index] as number;
    if (panel.caption) write(panel.caption, left, MARGIN + titleHeight);
    layers.push({ input: await encodeImage(panel.image, 'png'), left: left + Math.floor((column - panel.image.width) / 2), top: imagesTop });
    left += column + MARGIN;
  }
  return sharp(canvas.data as Uint8Array, { raw: { width, height, channels: 3 } })
    .composite(layers)
    // The canvas is opaque: an RGB PNG.
    .removeAlpha()
    .png()
    .toBuffer();
}

function textWidth(text: string | undefined): number {
  return text ? measureText([text], FONT_SCALE).width : 0;
}
