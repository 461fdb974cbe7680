// Reference networks built from `@mmpt/tensor` modules, for the training test and the benchmarks.
import {
  AdaptiveAvgPool2d,
  type Backend,
  BatchNorm2d,
  Conv2d,
  Flatten,
  type Generator,
  Linear,
  MaxPool2d,
  Module,
  type Parameter,
  ReLU,
  Sequential,
  type Tensor,
  add,
  mul,
  noGrad,
  relu,
  tidy,
} from '@mmpt/tensor';

/** LeNet-5 as MMPretrain's (ReLU, max pooling) for 28×28 single-channel images. */
export function lenet5(backend: Backend, generator: Generator): Sequential {
  const options = { backend, generator };
  return new Sequential(
    new Conv2d(1, 6, 5, { ...options, padding: 2 }),
    new ReLU(),
    new MaxPool2d(2),
    new Conv2d(6, 16, 5, options),
    new ReLU(),
    new MaxPool2d(2),
    new Flatten(),
    new Linear(400, 120, options),
    new ReLU(),
    new Linear(120, 84, options),
    new ReLU(),
    new Linear(84, 10, options),
  );
}

/** ResNet's basic block: two 3×3 convolutions with batch norm and an identity (or 1×1) shortcut. */
class BasicBlock extends Module<[Tensor], Tensor> {
  readonly conv1: Conv2d;
  readonly bn1: BatchNorm2d;
  readonly conv2: Conv2d;
  readonly bn2: BatchNorm2d;
  readonly downsample: Sequential | null;

  constructor(inChannels: number, channels: number, stride: number, options: { backend: Backend; generator: Generator }) {
    super();
    this.conv1 = this.registerModule('conv1', new Conv2d(inChannels, channels, 3, { ...options, stride, padding: 1, bias: false }));
    this.bn1 = this.registerModule('bn1', new BatchNorm2d(channels, { backend: options.backend }));
    this.conv2 = this.registerModule('conv2', new Conv2d(channels, channels, 3, { ...options, padding: 1, bias: false }));
    this.bn2 = this.registerModule('bn2', new BatchNorm2d(channels, { backend: options.backend }));
    const projection =
      stride !== 1 || inChannels !== channels
        ? new Sequential(new Conv2d(inChannels, channels, 1, { ...options, stride, bias: false }), new BatchNorm2d(channels, { backend: options.backend }))
        : null;
    this.downsample = this.registerModule('downsample', projection);
  }

  forward(x: Tensor): Tensor {
    return tidy(() => {
      const out = this.bn2.forward(this.conv2.forward(relu(this.bn1.forward(this.conv1.forward(x)))));
      return relu(add(out, this.downsample ? this.downsample.forward(x) : x));
    });
  }
}

/** ResNet-18, CIFAR variant (3×3 stem without max pooling), for 32×32 RGB images. */
export function resnet18Cifar(backend: Backend, generator: Generator): Sequential {
  const options = { backend, generator };
  const layers: BasicBlock[] = [];
  let inChannels = 64;
  for (const [channels, stride] of [
    [64, 1],
    [128, 2],
    [256, 2],
    [512, 2],
  ] as const) {
    layers.push(new BasicBlock(inChannels, channels, stride, options), new BasicBlock(channels, channels, 1, options));
    inChannels = channels;
  }
  return new Sequential(
    new Conv2d(3, 64, 3, { ...options, padding: 1, bias: false }),
    new BatchNorm2d(64, { backend }),
    new ReLU(),
    ...layers,
    new AdaptiveAvgPool2d(1),
    new Flatten(),
    new Linear(512, 10, options),
  );
}

/** One step of SGD with momentum, as `torch.optim.SGD`, in place on the parameters. */
export function sgdStep(parameters: readonly Parameter[], velocities: Map<Parameter, Tensor>, lr: number, momentum: number): void {
  noGrad(() => {
    for (const parameter of parameters) {
      const grad = parameter.grad;
      if (!grad) continue;
      const previous = velocities.get(parameter);
      const velocity = previous ? tidy(() => add(mul(previous, momentum), grad)) : tidy(() => mul(grad, 1));
      previous?.dispose();
      velocities.set(parameter, velocity);
      const updated = tidy(() => add(parameter, mul(velocity, -lr)));
      parameter.replaceStorage(updated.storage);
      updated.dispose();
    }
  });
}
