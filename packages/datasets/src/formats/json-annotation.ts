import { existsSync, readFileSync } from 'node:fs';
import { DatasetError } from '../dataset-error';
import { jsonErrorOffset } from './json-error-offset';

/** MMEngine's annotation file: meta information and the list of samples. */
export interface JsonAnnotation {
  metainfo: Record<string, unknown>;
  dataList: Array<Record<string, unknown>>;
}

/** The 1-based line of a character offset in a text. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) if (text.charCodeAt(index) === 10) line++;
  return line;
}

/**
 * Reads MMEngine's JSON annotation format, `{ "metainfo": {...}, "data_list": [{...}, ...] }`,
 * with errors that name the file (and the line of a syntax error).
 */
export function readJsonAnnotation(file: string): JsonAnnotation {
  if (!existsSync(file)) throw new DatasetError(`The annotation file ${file} does not exist`, file);
  const text = readFileSync(file, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.split('\n').join(' ');
    const offset = jsonErrorOffset(text);
    const line = offset >= 0 ? lineOf(text, offset) : undefined;
    throw new DatasetError(`${file}${line ? `, line ${line}` : ''}: not valid JSON (${message})`, file, line);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new DatasetError(`${file}: the annotation must be a JSON object with "metainfo" and "data_list"`, file);
  const record = value as Record<string, unknown>;
  if (!('data_list' in record) || !('metainfo' in record)) throw new DatasetError(`${file}: the annotation must have the keys "data_list" and "metainfo"`, file);
  const { metainfo, data_list: dataList } = record;
  if (metainfo === null || typeof metainfo !== 'object' || Array.isArray(metainfo)) throw new DatasetError(`${file}: "metainfo" must be an object`, file);
  if (!Array.isArray(dataList)) throw new DatasetError(`${file}: "data_list" must be a list`, file);
  dataList.forEach((item, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new DatasetError(`${file}: data_list[${index}] must be an object`, file);
  });
  return { metainfo: metainfo as Record<string, unknown>, dataList: dataList as Array<Record<string, unknown>> };
}
