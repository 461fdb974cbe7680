import sharp, { type OverlayOptions } from 'sharp';
import { type Image, encodeImage } from '@mmpt/transforms';

/** One image of an output picture, with the caption written above it. */
export interface Panel {
  image: Image;
  caption?: string;
}

const MARGIN = 4;
const FONT_SIZE = 12;
const LINE_HEIGHT = 16;
/** The average advance of a DejaVu Sans character at 12 px, to size the columns for captions. */
const CHARACTER_WIDTH = 7;

/**
 * Draws images side by side on a white canvas (tops aligned), each under its caption, with an
 * optional title line above them all, and returns the PNG. Text is an SVG overlay that sharp
 * (librsvg) renders with the system's fonts.
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
  const texts: string[] = [];
  if (title) texts.push(svgText(title, MARGIN, MARGIN + FONT_SIZE));
  const layers: OverlayOptions[] = [];
  let left = MARGIN;
  for (const [index, panel] of panels.entries()) {
    const column = columns[index] as number;
    if (panel.caption) texts.push(svgText(panel.caption, left, MARGIN + titleHeight + FONT_SIZE));
    layers.push({ input: await encodeImage(panel.image, 'png'), left: left + Math.floor((column - panel.image.width) / 2), top: imagesTop });
    left += column + MARGIN;
  }
  if (texts.length > 0) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${texts.join('')}</svg>`;
    layers.push({ input: Buffer.from(svg), left: 0, top: 0 });
  }
  return sharp({ create: { width, height, channels: 3, background: { r: 255, g: 255, b: 255 } } })
    .composite(layers)
    .png()
    .toBuffer();
}

function textWidth(text: string | undefined): number {
  return text ? text.length * CHARACTER_WIDTH : 0;
}

function svgText(text: string, x: number, y: number): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<text xml:space="preserve" x="${x}" y="${y}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${FONT_SIZE}" fill="black">${escaped}</text>`;
}
