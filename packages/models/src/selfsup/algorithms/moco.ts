import type { BuildContext } from '@mmpt/registry';
import type { DataSample } from '@mmpt/structures';
import { type Tensor, concat, full, matmul, mul, noGrad, normalize, randn, sum, tidy, transpose, unsqueeze } from '@mmpt/tensor';
import type { LossDict } from '../../heads/classifier-head';
import { BaseSelfSupervisor, type BaseSelfSupervisorOptions } from '../base-self-supervisor';
import type { ContrastiveHead } from '../heads/contrastive-head';
import type { SelfSupInputs } from '../self-sup-data-preprocessor';
import { asFeatureList, firstFeature } from '../utils/as-feature-list';
import { assignInPlace } from '../utils/assign-in-place';
import { ExponentialMovingAverage } from '../utils/exponential-moving-average';
import { FeatureSequential } from '../utils/feature-sequential';
import { buildEncoderCopy } from './momentum-encoder';

/** The options of {@link MoCo}, as MMPretrain's. */
export interface MoCoOptions extends BaseSelfSupervisorOptions {
  /** The number of negative keys kept in the queue. Default 65536. */
  queue_len?: number;
  /** The width of the keys (the neck's output). Default 128. */
  feat_dim?: number;
  /** The weight of the online encoder in each key-encoder update (MMEngine's EMA momentum). Default 0.001. */
  momentum?: number;
}

/**
 * MMPretrain's `MoCo` (MoCo v2, https://arxiv.org/abs/1911.05722): the query encoder (backbone and
 * neck) encodes the first view; the key encoder `encoder_k`, an exponential moving average of it
 * (`k_params = (1 - momentum) * k_params + momentum * q_params` before each step), encodes the
 * second view without gradients. The positive logit is `q · k`, the negatives `q · queue`; the
 * ContrastiveHead scores them, then the keys replace the oldest entries of the `queue`
 * (`[feat_dim, queue_len]`, a ring buffer whose write position is `queue_ptr`).
 */
export class MoCo extends BaseSelfSupervisor {
  readonly queueLen: number;
  readonly featDim: number;
  readonly encoderK: ExponentialMovingAverage;
  readonly queue: Tensor;
  readonly queuePtr: Tensor;
  #pointerCache: { storage: unknown; value: number };

  constructor(options: MoCoOptions, context?: BuildContext) {
    super(options, context);
    this.queueLen = options.queue_len ?? 65536;
    this.featDim = options.feat_dim ?? 128;
    if (!Number.isInteger(this.queueLen) || this.queueLen < 1) throw new RangeError(`MoCo: queue_len must be a positive integer, got ${this.queueLen}`);
    this.encoderK = this.registerModule('encoder_k', new ExponentialMovingAverage({ model: buildEncoderCopy(options, context, 'MoCo'), momentum: options.momentum ?? 0.001 }));
    this.queue = this.registerBuffer('queue', tidy(() => normalize(randn([this.featDim, this.queueLen]), { axis: 0 })));
    this.queuePtr = this.registerBuffer('queue_ptr', full([1], 0, { dtype: 'int32' }));
    this.#pointerCache = { storage: this.queuePtr.storage, value: 0 };
  }

  /** The write position of the queue (`queue_ptr`). */
  get pointer(): number {
    if (this.#pointerCache.storage !== this.queuePtr.storage) this.#pointerCache = { storage: this.queuePtr.storage, value: this.queuePtr.dataSync()[0] as number };
    return this.#pointerCache.value;
  }

  /** The backbone's features of the first view. */
  override extractFeat(inputs: SelfSupInputs): Tensor[] {
    const first = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!first) throw new Error('MoCo.extractFeat: no input');
    return asFeatureList(this.backbone.forward(first), 'MoCo.backbone');
  }

  /**
   * Replaces the `batch` oldest keys of the queue with `keys` `[batch, feat_dim]` and moves the
   * pointer on (MMPretrain's `_dequeue_and_enqueue`); `queue_len` must be a multiple of the batch.
   */
  dequeueAndEnqueue(keys: Tensor): void {
    const batch = keys.shape[0] as number;
    if (this.queueLen % batch !== 0) throw new RangeError(`MoCo: queue_len (${this.queueLen}) must be a multiple of the batch size (${batch})`);
    const pointer = this.pointer;
    noGrad(() =>
      tidy(() => {
        const parts = [];
        if (pointer > 0) parts.push(this.queue.slice([undefined, { end: pointer }]));
        parts.push(transpose(keys, 0, 1));
        if (pointer + batch < this.queueLen) parts.push(this.queue.slice([undefined, { start: pointer + batch }]));
        assignInPlace(this.queue, concat(parts, 1));
        const next = (pointer + batch) % this.queueLen;
        assignInPlace(this.queuePtr, full([1], next, { dtype: 'int32', backend: this.queuePtr.backend }));
        this.#pointerCache = { storage: this.queuePtr.storage, value: next };
      }),
    );
  }

  loss(inputs: SelfSupInputs, _dataSamples: readonly DataSample[]): LossDict {
    const [imageQ, imageK] = this.requireViews(inputs, 2) as [Tensor, Tensor];
    const neck = this.requireNeck();
    const head = this.requireHead<ContrastiveHead>();
    const { losses, keys } = tidy(() => {
      const q = normalize(firstFeature(neck.forward(asFeatureList(this.backbone.forward(imageQ), 'MoCo.backbone')), 'MoCo.neck'), { axis: 1 });
      const k = noGrad(() => {
        this.encoderK.updateParameters(new FeatureSequential([this.backbone, neck]));
        return normalize(firstFeature(this.encoderK.forward(imageK), 'MoCo.encoder_k'), { axis: 1 });
      });
      const positive = unsqueeze(sum(mul(q, k), 1), -1);
      const negative = matmul(q, noGrad(() => this.queue.add(0)));
      return { losses: { loss: head.loss(positive, negative) }, keys: k };
    });
    this.dequeueAndEnqueue(keys);
    keys.dispose();
    return losses;
  }
}
