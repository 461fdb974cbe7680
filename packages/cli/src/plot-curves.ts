import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import * as vega from 'vega';
import { compile } from 'vega-lite';

/** One point of a curve: a scalar's value at a step. */
interface Point {
  key: string;
  step: number;
  value: number;
}

/**
 * Reads the JSON-lines scalar log of a run (`vis_data/scalars.json`) and draws the chosen keys
 * (by default the losses, the learning rate and the validation metrics) as line charts, one panel
 * per key, into a PNG (vega-lite renders SVG, sharp rasterises it).
 */
export async function plotCurves(scalarsFile: string, outFile: string, keys?: readonly string[]): Promise<string[]> {
  if (!existsSync(scalarsFile)) throw new Error(`No scalar log at ${scalarsFile}: the run logged nothing yet`);
  const records = readFileSync(scalarsFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, number>);
  const wanted = keys ?? defaultKeys(records);
  const points: Point[] = [];
  for (const record of records) {
    for (const key of wanted) {
      const value = record[key];
      if (typeof value === 'number' && Number.isFinite(value)) points.push({ key, step: record.step ?? 0, value });
    }
  }
  const missing = wanted.filter((key) => !points.some((point) => point.key === key));
  if (missing.length === wanted.length) throw new Error(`None of the keys ${wanted.join(', ')} is in ${scalarsFile}`);
  const present = wanted.filter((key) => !missing.includes(key));
  const spec = compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: points },
    background: 'white',
    concat: present.map((key) => ({
      title: key,
      width: 360,
      height: 200,
      transform: [{ filter: { field: 'key', equal: key } }],
      mark: { type: 'line', point: points.filter((point) => point.key === key).length < 40 },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: isEpochKey(key, records) ? 'epoch' : 'iteration' },
        y: { field: 'value', type: 'quantitative', title: key, scale: { zero: false } },
      },
    })),
    columns: 2,
  } as never).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  await sharp(Buffer.from(svg)).png().toFile(outFile);
  return present;
}

function defaultKeys(records: ReadonlyArray<Record<string, number>>): string[] {
  const keys = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) keys.add(key);
  const ignored = new Set(['step', 'epoch', 'iter', 'time', 'data_time', 'memory']);
  return [...keys].filter((key) => !ignored.has(key));
}

function isEpochKey(key: string, records: ReadonlyArray<Record<string, number>>): boolean {
  return records.some((record) => key in record && !('iter' in record));
}
