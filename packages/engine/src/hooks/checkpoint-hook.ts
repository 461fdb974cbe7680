import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { checkpointFiles } from '../checkpoint/checkpoint-files';
import type { Runner } from '../runner/runner';
import { Hook, type Metrics } from './hook';

/** The options of {@link CheckpointHook}, as MMEngine's. */
export interface CheckpointHookOptions {
  /** Save every `interval` epochs (or iterations without `by_epoch`); -1 saves only the last. */
  interval?: number;
  by_epoch?: boolean;
  save_optimizer?: boolean;
  save_param_scheduler?: boolean;
  /** Where checkpoints go (the work dir by default). */
  out_dir?: string | null;
  /** Keep only the newest N interval checkpoints (-1 keeps all). */
  max_keep_ckpts?: number;
  /** Always save after the last epoch or iteration. */
  save_last?: boolean;
  /** A metric to keep the best checkpoint of (`'auto'`: the first metric), or a list. */
  save_best?: string | string[] | null;
  /** `'greater'` or `'less'` per save_best key; inferred from the name when absent. */
  rule?: 'greater' | 'less' | Array<'greater' | 'less'> | null;
}

const GREATER_KEYS = ['acc', 'top', 'AR@', 'auc', 'precision', 'mAP', 'mDice', 'mIoU', 'mAcc', 'aAcc', 'recall', 'f1'];
const LESS_KEYS = ['loss'];

/**
 * MMEngine's `CheckpointHook`: saves `epoch_{n}` (or `iter_{n}`) checkpoints at an interval and
 * after the last one, writes the path of the newest to `last_checkpoint` (what `--resume` reads),
 * keeps at most `max_keep_ckpts`, and with `save_best` keeps `best_{metric}_epoch_{n}` for the best
 * validation score.
 */
export class CheckpointHook extends Hook {
  override priority = 'VERY_LOW' as const;
  readonly interval: number;
  readonly byEpoch: boolean;
  readonly saveOptimizer: boolean;
  readonly saveParamScheduler: boolean;
  readonly maxKeepCkpts: number;
  readonly saveLast: boolean;
  readonly saveBest: string[];
  readonly rules: Array<'greater' | 'less' | undefined>;
  readonly #outDir: string | undefined;
  readonly #kept: string[] = [];
  readonly #best = new Map<string, { score: number; path: string }>();

  constructor(options: CheckpointHookOptions = {}) {
    super();
    this.interval = options.interval ?? -1;
    this.byEpoch = options.by_epoch ?? true;
    this.saveOptimizer = options.save_optimizer ?? true;
    this.saveParamScheduler = options.save_param_scheduler ?? true;
    this.maxKeepCkpts = options.max_keep_ckpts ?? -1;
    this.saveLast = options.save_last ?? true;
    this.#outDir = options.out_dir ?? undefined;
    const best = options.save_best ?? [];
    this.saveBest = typeof best === 'string' ? [best] : [...best];
    const rules = options.rule ?? [];
    this.rules = this.saveBest.map((_, index) => (typeof rules === 'string' ? rules : rules[index]));
  }

  override afterTrainEpoch(runner: Runner): Promise<void> | void {
    if (!this.byEpoch) return;
    const epoch = runner.epoch + 1;
    const last = epoch === runner.trainLoop?.maxEpochs;
    if ((this.interval > 0 && epoch % this.interval === 0) || (this.saveLast && last)) return this.save(runner, `epoch_${epoch}`, { epoch, iter: runner.iter });
  }

  override afterTrainIter(runner: Runner): Promise<void> | void {
    if (this.byEpoch) return;
    const iter = runner.iter + 1;
    const last = iter === runner.trainLoop?.maxIters;
    if ((this.interval > 0 && iter % this.interval === 0) || (this.saveLast && last)) return this.save(runner, `iter_${iter}`, { epoch: runner.epoch, iter });
  }

  override async afterValEpoch(runner: Runner, metrics: Metrics): Promise<void> {
    for (const [index, wanted] of this.saveBest.entries()) {
      const key = wanted === 'auto' ? Object.keys(metrics).find((name) => typeof metrics[name] === 'number') : wanted;
      if (!key) continue;
      const score = metrics[key];
      if (typeof score !== 'number') throw new Error(`CheckpointHook: save_best "${key}" is not among the metrics (${Object.keys(metrics).join(', ')})`);
      const rule = this.rules[index] ?? inferRule(key);
      const previous = this.#best.get(key);
      if (previous && !(rule === 'greater' ? score > previous.score : score < previous.score)) continue;
      if (previous) removeCheckpoint(previous.path);
      const name = `best_${key.replace(/[/\\]/g, '_')}_${this.byEpoch ? `epoch_${runner.epoch}` : `iter_${runner.iter}`}`;
      const path = await runner.saveCheckpoint(join(this.outDir(runner), `${name}.safetensors`), {
        saveOptimizer: false,
        saveParamScheduler: false,
        meta: { epoch: runner.epoch, iter: runner.iter, best_score: score, best_metric: key },
      });
      this.#best.set(key, { score, path });
      runner.log(`The best checkpoint with ${score.toFixed(4)} ${key} at ${this.byEpoch ? `${runner.epoch} epoch` : `${runner.iter} iter`} is saved to ${name}.safetensors.`);
    }
  }

  /** The best scores so far, saved in checkpoints so a resumed run keeps comparing with them. */
  stateDict(): Record<string, { score: number; path: string }> {
    return Object.fromEntries(this.#best);
  }

  loadStateDict(state: Record<string, { score: number; path: string }> | undefined): void {
    for (const [key, value] of Object.entries(state ?? {})) this.#best.set(key, value);
  }

  private outDir(runner: Runner): string {
    if (!this.#outDir) return runner.workDir;
    return isAbsolute(this.#outDir) ? this.#outDir : join(runner.workDir, this.#outDir);
  }

  private async save(runner: Runner, name: string, meta: Record<string, unknown>): Promise<void> {
    const directory = this.outDir(runner);
    const path = await runner.saveCheckpoint(join(directory, `${name}.safetensors`), {
      saveOptimizer: this.saveOptimizer,
      saveParamScheduler: this.saveParamScheduler,
      meta,
    });
    writeFileSync(join(directory, 'last_checkpoint'), path);
    runner.log(`Saved checkpoint ${name}.safetensors`);
    this.#kept.push(path);
    while (this.maxKeepCkpts > 0 && this.#kept.length > this.maxKeepCkpts) removeCheckpoint(this.#kept.shift() as string);
  }
}

/** MMEngine's rule inference: names with acc/top/precision... are better greater, losses smaller. */
export function inferRule(key: string): 'greater' | 'less' {
  const lower = key.toLowerCase();
  if (LESS_KEYS.some((part) => lower.includes(part))) return 'less';
  if (GREATER_KEYS.some((part) => lower.includes(part.toLowerCase()))) return 'greater';
  throw new Error(`CheckpointHook: cannot tell whether "${key}" is better greater or less; set rule: 'greater' or 'less'`);
}

function removeCheckpoint(path: string): void {
  for (const file of Object.values(checkpointFiles(path))) if (existsSync(file)) rmSync(file);
}
