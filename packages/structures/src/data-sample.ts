import { Tensor } from '@mmpt/tensor';
import { type LabelInput, type ScoreInput, formatLabel, formatScore } from './format-label';
import { type HostArray, isHostArray } from './host-array';

/** Where {@link DataSample.setField} stores a value: a data field or the meta information. */
export type FieldType = 'data' | 'metainfo';

/** What a mask can be given as: a host array with a shape, or a tensor (read back to the host). */
export type MaskInput = HostArray | Tensor;

/**
 * The annotation and prediction of one sample, as MMPretrain's `DataSample`: ground-truth and
 * predicted labels and scores (kept on the host as typed arrays, so a sample moves cheaply between
 * worker threads), an optional mask for masked image modelling, free data fields and meta
 * information (`img_shape`, `ori_shape`, `sample_idx`, `num_classes`, ... under MMPretrain's keys).
 *
 * @example
 * const sample = new DataSample({ metainfo: { img_shape: [960, 720], num_classes: 5 } });
 * sample.setGtLabel(3); // gtLabel: Int32Array [3]
 * new DataSample().setPredScore([0.1, 0.1, 0.6, 0.2]).metainfo.num_classes; // 4
 */
export class DataSample {
  /** The ground-truth label(s), 1-D int32. */
  gtLabel: Int32Array | undefined;
  /** The ground-truth score (a soft or one-hot target), 1-D float32. */
  gtScore: Float32Array | undefined;
  /** The predicted label(s), 1-D int32. */
  predLabel: Int32Array | undefined;
  /** The predicted score, 1-D float32. */
  predScore: Float32Array | undefined;
  /** The mask used in masked image modelling. */
  mask: HostArray | undefined;
  /** Meta information under MMPretrain's keys (`img_shape`, `num_classes`, ...). */
  readonly metainfo: Record<string, unknown> = {};
  /** Free data fields (set by `PackInputs`'s `algorithm_keys` or by an algorithm). */
  readonly fields = new Map<string, unknown>();

  constructor(options: { metainfo?: Record<string, unknown> } = {}) {
    if (options.metainfo) this.setMetainfo(options.metainfo);
  }

  /** Sets `gtLabel` from an int, a list, a typed array or a tensor. */
  setGtLabel(value: LabelInput): this {
    this.gtLabel = formatLabel(value, 'DataSample.setGtLabel');
    return this;
  }

  /** Sets `gtScore`; sets `num_classes` in the meta information, or checks the length against it. */
  setGtScore(value: ScoreInput): this {
    this.gtScore = this.#checkedScore(value, 'DataSample.setGtScore');
    return this;
  }

  /** Sets `predLabel` from an int, a list, a typed array or a tensor. */
  setPredLabel(value: LabelInput): this {
    this.predLabel = formatLabel(value, 'DataSample.setPredLabel');
    return this;
  }

  /** Sets `predScore`; sets `num_classes` in the meta information, or checks the length against it. */
  setPredScore(value: ScoreInput): this {
    this.predScore = this.#checkedScore(value, 'DataSample.setPredScore');
    return this;
  }

  /** Sets the mask from a host array with a shape, or from a tensor (read back synchronously). */
  setMask(value: MaskInput): this {
    if (value instanceof Tensor) {
      const data = value.dataSync();
      this.mask = { data: data.slice() as HostArray['data'], shape: [...value.shape] };
    } else if (isHostArray(value)) {
      this.mask = value;
    } else {
      throw new TypeError('DataSample.setMask: a mask is a { data, shape } host array or a Tensor');
    }
    return this;
  }

  /** Adds or replaces meta information. */
  setMetainfo(metainfo: Record<string, unknown>): this {
    for (const [key, value] of Object.entries(metainfo)) this.metainfo[key] = value;
    return this;
  }

  /**
   * Sets a field by name, as MMEngine's `set_field`: the known fields (`gt_label`, `gt_score`,
   * `pred_label`, `pred_score`, `mask`) go through their setters, other names become free data
   * fields, or meta information with `fieldType` `'metainfo'`.
   */
  setField(value: unknown, name: string, fieldType: FieldType = 'data'): this {
    if (fieldType === 'metainfo') {
      this.metainfo[name] = value;
      return this;
    }
    switch (name) {
      case 'gt_label':
        return this.setGtLabel(value as LabelInput);
      case 'gt_score':
        return this.setGtScore(value as ScoreInput);
      case 'pred_label':
        return this.setPredLabel(value as LabelInput);
      case 'pred_score':
        return this.setPredScore(value as ScoreInput);
      case 'mask':
        return this.setMask(value as MaskInput);
      default:
        this.fields.set(name, value);
        return this;
    }
  }

  /** A field by MMPretrain's name: a known field, a free data field, then meta information. */
  get(name: string): unknown {
    switch (name) {
      case 'gt_label':
        return this.gtLabel;
      case 'gt_score':
        return this.gtScore;
      case 'pred_label':
        return this.predLabel;
      case 'pred_score':
        return this.predScore;
      case 'mask':
        return this.mask;
      default:
        return this.fields.has(name) ? this.fields.get(name) : this.metainfo[name];
    }
  }

  /** Whether a field (data or meta) is set. */
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** The number of classes from the meta information, when known. */
  get numClasses(): number | undefined {
    const value = this.metainfo.num_classes;
    return typeof value === 'number' ? value : undefined;
  }

  /** A copy whose typed arrays are copied too. */
  clone(): DataSample {
    const copy = new DataSample({ metainfo: { ...this.metainfo } });
    copy.gtLabel = this.gtLabel?.slice();
    copy.gtScore = this.gtScore?.slice();
    copy.predLabel = this.predLabel?.slice();
    copy.predScore = this.predScore?.slice();
    copy.mask = this.mask ? { data: this.mask.data.slice(), shape: [...this.mask.shape] } : undefined;
    for (const [key, value] of this.fields) copy.fields.set(key, value);
    return copy;
  }

  /** A readable description, as MMPretrain's `repr` (meta information, then data fields). */
  toString(): string {
    const lines: string[] = ['<DataSample('];
    const meta = Object.entries(this.metainfo);
    if (meta.length > 0) {
      lines.push('', 'META INFORMATION');
      for (const [key, value] of meta) lines.push(`    ${key}: ${formatValue(value)}`);
    }
    const data: Array<[string, unknown]> = [];
    if (this.gtLabel) data.push(['gt_label', this.gtLabel]);
    if (this.gtScore) data.push(['gt_score', this.gtScore]);
    if (this.predLabel) data.push(['pred_label', this.predLabel]);
    if (this.predScore) data.push(['pred_score', this.predScore]);
    if (this.mask) data.push(['mask', `mask of shape [${this.mask.shape.join(', ')}]`]);
    for (const [key, value] of this.fields) data.push([key, value]);
    if (data.length > 0) {
      lines.push('', 'DATA FIELDS');
      for (const [key, value] of data) lines.push(`    ${key}: ${formatValue(value)}`);
    }
    lines.push('', ')>');
    return lines.join('\n');
  }

  #checkedScore(value: ScoreInput, name: string): Float32Array {
    const score = formatScore(value, name);
    const numClasses = this.metainfo.num_classes;
    if (numClasses === undefined) {
      this.metainfo.num_classes = score.length;
    } else if (score.length !== numClasses) {
      throw new RangeError(`${name}: the score has ${score.length} values, but num_classes is ${String(numClasses)}`);
    }
    return score;
  }
}

function formatValue(value: unknown): string {
  if (ArrayBuffer.isView(value)) {
    const values = Array.from(value as unknown as ArrayLike<number>, (item) =>
      Number.isInteger(item) ? String(item) : item.toFixed(4),
    );
    return `[${values.join(', ')}]`;
  }
  if (Array.isArray(value)) return `(${value.join(', ')})`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
