import { type AnyModule, type Tensor, add, manualSeed, memory, mul, noGrad, randn, sum, tidy } from '@mmpt/tensor';

/** A backbone: one input, a list of feature maps out. */
export type FeatureBackbone = AnyModule;

/** The options of {@link compareWithCp}. */
export interface WithCpComparisonOptions {
  /** The seed of the default generator before each step (dropout, drop path draw from it). */
  seed?: number;
  /** Run the plain model's `initWeights()` first (the checkpointed one copies its weights). */
  initWeights?: boolean;
  /** Make the input require a gradient too. */
  inputRequiresGrad?: boolean;
}

/** How a training step with `with_cp` compares with the same step without it. */
export interface WithCpComparison {
  /** The loss of each run (`[without, with]`). */
  losses: [number, number];
  /** The loss of the model without `with_cp` from the next seed: another loss shows that the random draws matter. */
  otherSeedLoss: number;
  /** The largest gradient difference over the parameters, relative to max(1, the largest gradient of that parameter). */
  worstGradientDifference: number;
  /** The parameter where it occurs. */
  worstParameter: string;
  /** Whether both runs gave gradients for the same parameters, in the same order. */
  sameParameters: boolean;
  /** Tensors alive between forward and backward (`[without, with]`): the saved activations among them. */
  liveAfterForward: [number, number];
  /** Tensors and bytes left alive by each step once its loss and gradients are disposed (`[without, with]`). */
  leaked: [{ tensors: number; bytes: number }, { tensors: number; bytes: number }];
}

interface StepResult {
  loss: number;
  gradients: Map<string, Float32Array>;
  liveAfterForward: number;
  leaked: { tensors: number; bytes: number };
}

/** One training step with the loss `Σ sum(output · weight)` over the outputs (fixed random weights: a norm's output has a constant mean square, which would hide differences). */
function trainingStep(model: FeatureBackbone, input: Tensor, weights: readonly Tensor[], seed: number): StepResult {
  model.train();
  model.zeroGrad();
  manualSeed(seed);
  const start = memory();
  const loss = tidy(() => (model.forward(input) as Tensor[]).map((out, index) => sum(mul(out, weights[index] as Tensor))).reduce((total, term) => add(total, term)));
  const liveAfterForward = memory().tensors - start.tensors;
  loss.backward();
  const value = loss.item();
  loss.dispose();
  const gradients = new Map<string, Float32Array>();
  for (const [name, parameter] of model.namedParameters()) {
    if (parameter.grad) gradients.set(name, Float32Array.from(parameter.grad.dataSync()));
    parameter.grad?.dispose();
    parameter.grad = null;
  }
  input.grad?.dispose();
  input.grad = null;
  const end = memory();
  return { loss: value, gradients, liveAfterForward, leaked: { tensors: end.tensors - start.tensors, bytes: end.bytes - start.bytes } };
}

/**
 * Test support for `with_cp`: builds a backbone without and with it, gives both the same weights,
 * runs one training step of each on the same input, with the default generator seeded alike
 * (dropout, drop path), and compares the losses, the parameter gradients and the tensors kept
 * alive between forward and backward. Disposes what it creates.
 */
export function compareWithCp(build: (withCp: boolean) => FeatureBackbone, inputShape: number[], options: WithCpComparisonOptions = {}): WithCpComparison {
  const seed = options.seed ?? 17;
  const plainModel = build(false);
  if (options.initWeights) (plainModel as AnyModule & { initWeights(): void }).initWeights();
  const checkpointedModel = build(true);
  checkpointedModel.loadStateDict(plainModel.stateDict());
  const input = randn(inputShape);
  if (options.inputRequiresGrad) input.requiresGrad = true;
  const weights = tidy(() => noGrad(() => (plainModel.eval().forward(input) as Tensor[]).map((out) => randn(out.shape))));
  const plain = trainingStep(plainModel, input, weights, seed);
  const checkpointed = trainingStep(checkpointedModel, input, weights, seed);
  const otherSeedLoss = trainingStep(plainModel, input, weights, seed + 1).loss;
  let worstGradientDifference = 0;
  let worstParameter = '';
  for (const [name, expected] of plain.gradients) {
    const actual = checkpointed.gradients.get(name);
    let difference = actual ? 0 : Number.POSITIVE_INFINITY;
    let scale = 1;
    expected.forEach((value, index) => {
      difference = Math.max(difference, Math.abs(value - (actual?.[index] ?? Number.NaN)));
      scale = Math.max(scale, Math.abs(value));
    });
    if (Number.isNaN(difference) || difference / scale > worstGradientDifference) {
      worstGradientDifference = Number.isNaN(difference) ? Number.POSITIVE_INFINITY : difference / scale;
      worstParameter = name;
    }
  }
  plainModel.dispose();
  checkpointedModel.dispose();
  for (const tensor of [input, ...weights]) tensor.dispose();
  return {
    losses: [plain.loss, checkpointed.loss],
    otherSeedLoss,
    worstGradientDifference,
    worstParameter,
    sameParameters: [...plain.gradients.keys()].join() === [...checkpointed.gradients.keys()].join() && plain.gradients.size > 0,
    liveAfterForward: [plain.liveAfterForward, checkpointed.liveAfterForward],
    leaked: [plain.leaked, checkpointed.leaked],
  };
}
