"""PyTorch's figures for the work of the WebGPU benchmarks, on the same GPU (see README.md here).

float32 throughout, with TF32 off (WGSL kernels compute in float32); the matmul is also timed with
TF32 on, for reference. Medians of timed runs after warm-up, synchronised with the device. The
models are the benchmarks' own: LeNet-5 and ResNet-18 (CIFAR stem) of
packages/gpu/src/test-support/reference-models.ts, ResNet-50 and ViT-S/16 (DeiT-small: width 384,
depth 12, 6 heads) at 224x224 with 1000 classes, trained by SGD with momentum.
"""
import json
import statistics
import time

import torch
import torch.nn as nn
import torchvision

torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
torch.backends.cudnn.benchmark = True
device = torch.device('cuda')


def median_seconds(fn, warmup=3, repeats=10):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(bench, metric, value):
    print(json.dumps({'bench': bench, 'backend': 'torch-cuda', 'metric': metric, 'value': round(value, 2)}), flush=True)


def matmul_rows():
    for size in (1024, 4096):
        a = torch.randn(size, size, device=device)
        b = torch.randn(size, size, device=device)
        flops = 2 * size ** 3
        report(f'matmul {size}x{size}x{size}', 'GFLOP/s', flops / median_seconds(lambda: a @ b) / 1e9)
        torch.backends.cuda.matmul.allow_tf32 = True
        report(f'matmul {size}x{size}x{size} (TF32)', 'GFLOP/s', flops / median_seconds(lambda: a @ b) / 1e9)
        torch.backends.cuda.matmul.allow_tf32 = False


def conv_rows():
    x = torch.randn(64, 64, 32, 32, device=device, requires_grad=True)
    w = torch.randn(64, 64, 3, 3, device=device, requires_grad=True)
    flops = 2 * 64 * 64 * 9 * 32 * 32 * 64
    forward = median_seconds(lambda: torch.nn.functional.conv2d(x, w, padding=1))
    step = median_seconds(lambda: torch.nn.functional.conv2d(x, w, padding=1).sum().backward())
    report('conv3x3 64->64 32x32 batch 64 forward', 'GFLOP/s', flops / forward / 1e9)
    report('conv3x3 64->64 32x32 batch 64 forward+backward', 'GFLOP/s', 3 * flops / step / 1e9)


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def resnet18_cifar():
    model = torchvision.models.resnet18(num_classes=10)
    model.conv1 = nn.Conv2d(3, 64, 3, padding=1, bias=False)
    model.maxpool = nn.Identity()
    return model


def vit_small():
    return torchvision.models.VisionTransformer(image_size=224, patch_size=16, num_layers=12, num_heads=6, hidden_dim=384, mlp_dim=1536, num_classes=1000)


def model_rows(name, build, image, classes, batch, inference=True):
    model = build().to(device)
    images = torch.randn(batch, *image, device=device)
    labels = torch.randint(0, classes, (batch,), device=device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = nn.functional.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        loss.item()

    model.train()
    report(f'{name} training, batch {batch}', 'img/s', batch / median_seconds(step))
    if inference:
        model.eval()
        with torch.no_grad():
            report(f'{name} inference, batch {batch}', 'img/s', batch / median_seconds(lambda: model(images)))


print(f'torch {torch.__version__} on {torch.cuda.get_device_name()}', flush=True)
matmul_rows()
conv_rows()
model_rows('LeNet-5', lenet5, (1, 28, 28), 10, 128, inference=False)
model_rows('ResNet-18 (CIFAR)', resnet18_cifar, (3, 32, 32), 10, 64)
model_rows('ResNet-50 224', torchvision.models.resnet50, (3, 224, 224), 1000, 32)
model_rows('ViT-S/16 224', vit_small, (3, 224, 224), 1000, 32)
