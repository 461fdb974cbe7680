import { type AnyModule, type Tensor, add, manualSeed, mean, memory, randn, square, tidy } from '@mmpt/tensor';

/** A backbone: one input, a list of feature maps out. */
export type FeatureBackbone = AnyModule;

/** How a training step with `with_cp` compares with the same step without it. */
export interface WithCpComparison {
  /** The loss of each run (`[without, with]`). */
  losses: [number, number];
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

function trainingStep(model: FeatureBackbone, input: Tensor, seed: number): StepResult {
  model.train();
  model.zeroGrad();
  manualSeed(seed);
  const start = memory();
  const before = start.tensors;
  const loss = tidy(() => (model.forward(input) as Tensor[]).map((out) => mean(square(out))).reduce((total, term) => add(total, term)));
  const liveAfterForward = memory().tensors - before;
  loss.backward();
  const value = loss.item();
  loss.dispose();
  const gradients = new Map<string, Float32Array>();
  for (const [name, parameter] of model.namedParameters()) {
    if (parameter.grad) gradients.set(name, Float32Array.from(parameter.grad.dataSync()));
    parameter.grad?.dispose();
    parameter.grad = null;
  }
  const end = memory();
  return { loss: value, gradients, liveAfterForward, leaked: { tensors: end.tensors - start.tensors, bytes: end.bytes - start.bytes } };
}

/**
 * Test support for `with_cp`: builds a backbone without and with it, gives both the same weights,
 * runs one training step of each on the same input, with the default generator seeded alike
 * (drop path), and compares the losses, the parameter gradients and the tensors kept alive
 * between forward and backward. Disposes what it creates.
 */
export function compareWithCp(build: (withCp: boolean) => FeatureBackbone, inputShape: number[], seed = 17): WithCpComparison {
  const plainModel = build(false);
  const checkpointedModel = build(true);
  checkpointedModel.loadStateDict(plainModel.stateDict());
  const input = randn(inputShape);
  const plain = trainingStep(plainModel, input, seed);
  const checkpointed = trainingStep(checkpointedModel, input, seed);
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
  input.dispose();
  return {
    losses: [plain.loss, checkpointed.loss],
    worstGradientDifference,
    worstParameter,
    sameParameters: [...plain.gradients.keys()].join() === [...checkpointed.gradients.keys()].join() && plain.gradients.size > 0,
    liveAfterForward: [plain.liveAfterForward, checkpointed.liveAfterForward],
    leaked: [plain.leaked, checkpointed.leaked],
  };
}
