"""EfficientNet with MMPretrain's module names (TF-style 'same' padding, Swish, SE)."""
import copy
import math

import torch.nn as nn
import torch.nn.functional as F

from .common import SELayer, make_divisible
from .mobilenet import InvertedResidual

LAYERS_B = [[[3, 32, 0, 2, 0, -1]], [[3, 16, 4, 1, 1, 0]], [[3, 24, 4, 2, 6, 0], [3, 24, 4, 1, 6, 0]],
            [[5, 40, 4, 2, 6, 0], [5, 40, 4, 1, 6, 0]],
            [[3, 80, 4, 2, 6, 0], [3, 80, 4, 1, 6, 0], [3, 80, 4, 1, 6, 0], [5, 112, 4, 1, 6, 0], [5, 112, 4, 1, 6, 0],
             [5, 112, 4, 1, 6, 0]],
            [[5, 192, 4, 2, 6, 0], [5, 192, 4, 1, 6, 0], [5, 192, 4, 1, 6, 0], [5, 192, 4, 1, 6, 0], [3, 320, 4, 1, 6, 0]],
            [[1, 1280, 0, 1, 0, -1]]]
ARCHS = {'b0': (1.0, 1.0), 'b1': (1.0, 1.1), 'b2': (1.1, 1.2), 'b3': (1.2, 1.4)}


class SameConv(nn.Conv2d):
    """MMCV's Conv2dAdaptivePadding: TF 'same' padding computed from the input size."""

    def __init__(self, cin, cout, kernel, stride=1, groups=1, bias=True):
        super().__init__(cin, cout, kernel, stride, 0, groups=groups, bias=bias)

    def forward(self, x):
        height, width = x.shape[-2:]
        kernel = self.weight.shape[-1]
        stride = self.stride[0]
        pad_h = max((math.ceil(height / stride) - 1) * stride + kernel - height, 0)
        pad_w = max((math.ceil(width / stride) - 1) * stride + kernel - width, 0)
        if pad_h > 0 or pad_w > 0:
            x = F.pad(x, [pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2])
        return F.conv2d(x, self.weight, self.bias, self.stride, 0, 1, self.groups)


class SameConvModule(nn.Module):
    def __init__(self, cin, cout, kernel, stride=1, groups=1, act=True):
        super().__init__()
        self.conv = SameConv(cin, cout, kernel, stride, groups, bias=False)
        self.bn = nn.BatchNorm2d(cout, eps=1e-3)
        self.activate = nn.SiLU() if act else None

    def forward(self, x):
        x = self.bn(self.conv(x))
        return self.activate(x) if self.activate is not None else x


class Block(InvertedResidual):
    """InvertedResidual with Conv2dAdaptivePadding convs (the ConvModules are rebuilt)."""

    def __init__(self, cin, cout, mid, kernel, stride, se):
        nn.Module.__init__(self)
        self.with_res_shortcut = stride == 1 and cin == cout
        self.with_expand_conv = mid != cin
        if self.with_expand_conv:
            self.expand_conv = SameConvModule(cin, mid, 1)
        self.depthwise_conv = SameConvModule(mid, mid, kernel, stride, groups=mid)
        self.se = se
        self.linear_conv = SameConvModule(mid, cout, 1, act=False)


def model_scaling(layers, widen, deepen):
    layers = copy.deepcopy(layers)
    for layer in layers:
        for block in layer:
            block[1] = make_divisible(block[1] * widen, 8)
    split = [layers[0]]
    for layer in layers[1:-1]:
        cuts = [0] + [i + 1 for i in range(len(layer) - 1) if layer[i + 1][1] != layer[i][1]] + [len(layer)]
        for i in range(len(cuts) - 1):
            split.append(layer[cuts[i]:cuts[i + 1]])
    split.append(layers[-1])
    counts = [len(layer) for layer in split[1:-1]]
    new_counts = [int(math.ceil(deepen * count)) for count in counts]
    merged = [split[0]]
    for i, layer in enumerate(split[1:-1]):
        if new_counts[i] <= counts[i]:
            part = layer[:new_counts[i]]
        else:
            part = copy.deepcopy(layer) + [layer[-1]] * (new_counts[i] - counts[i])
        if part[0][3] == 1 and i != 0:
            merged[-1] += part.copy()
        else:
            merged.append(part.copy())
    merged.append(split[-1])
    return merged


class EfficientNet(nn.Module):
    def __init__(self, arch='b0', out_indices=(6,)):
        super().__init__()
        widen, deepen = ARCHS[arch] if isinstance(arch, str) else arch
        settings = model_scaling(LAYERS_B, widen, deepen)
        self.out_indices = out_indices
        first, last = settings[0][0], settings[-1][0]
        channels = make_divisible(first[1], 8)
        self.layers = nn.ModuleList([SameConvModule(3, channels, first[0], first[3])])
        for layer in settings[1:-1]:
            blocks = []
            for kernel, cout, se_ratio, stride, expand, _ in layer:
                mid = int(channels * expand)
                cout = make_divisible(cout, 8)
                se = SELayer(mid, ratio=expand * se_ratio, divisor=1, acts=('Swish', 'Sigmoid')) if se_ratio > 0 else None
                blocks.append(Block(channels, cout, mid, kernel, stride, se))
                channels = cout
            self.layers.append(nn.Sequential(*blocks))
        self.layers.append(SameConvModule(channels, last[1], last[0], last[3]))

    def forward(self, x):
        outs = []
        for index, layer in enumerate(self.layers):
            x = layer(x)
            if index in self.out_indices:
                outs.append(x)
        return tuple(outs)
