import { type AnyModule, Module, type Tensor } from '@mmpt/tensor';
import type { InitConfigInput } from './init/init-config';
import { initConfigList } from './init/init-config';
import { type PretrainedLoader, initialize } from './init/initialize';

/**
 * MMEngine's `BaseModule`: a module with an `init_cfg`. `initWeights()` applies the module's own
 * initialisations, then lets each child initialise itself, then loads Pretrained weights, as
 * MMEngine orders them.
 */
export abstract class BaseModule<Inputs extends unknown[] = [Tensor], Output = Tensor> extends Module<Inputs, Output> {
  /** The `init_cfg` of this module. */
  initCfg: InitConfigInput;
  #isInit = false;

  constructor(initCfg?: InitConfigInput) {
    super();
    this.initCfg = initCfg;
  }

  /** Whether `initWeights` ran. */
  get isInit(): boolean {
    return this.#isInit;
  }

  /** Initialises the weights from `init_cfg` (MMEngine's `init_weights`). */
  initWeights(loadPretrained?: PretrainedLoader): void {
    const configs = initConfigList(this.initCfg);
    initialize(this as AnyModule, configs.filter((config) => config.type !== 'Pretrained'), loadPretrained);
    initializeChildren(this as AnyModule, loadPretrained);
    initialize(this as AnyModule, configs.filter((config) => config.type === 'Pretrained'), loadPretrained);
    this.#isInit = true;
  }
}

/** Lets each BaseModule below `module` initialise itself, looking through plain containers. */
function initializeChildren(module: AnyModule, loadPretrained?: PretrainedLoader): void {
  for (const child of module.children()) {
    if (child instanceof BaseModule) {
      if (!child.isInit) child.initWeights(loadPretrained);
    } else {
      initializeChildren(child, loadPretrained);
    }
  }
}
